/**
 * Who may do what in the workspace, as three roles: an approver does everything (approves posts,
 * sends them back), an editor reads, edits, comments, submits and plans but never approves, a
 * reader only reads. In AWS the role comes from the person's Cognito groups; on a laptop from the
 * local user's role. Here, with the configuration schema, because the configuration names roles too (and the page reads both).
 */
export const roles = ['approver', 'editor', 'reader'] as const;
export type Role = (typeof roles)[number];

/** The Cognito groups (cognito:groups) behind each role. */
export const ROLE_GROUPS = { approver: 'approvers', editor: 'editors', reader: 'readers' } as const satisfies Record<Role, string>;

/** The highest role the groups give, or undefined for someone in none of them (who sees nothing). */
export function roleOfGroups(groups: readonly string[]): Role | undefined {
  return roles.find((role) => groups.includes(ROLE_GROUPS[role]));
}
