/**
 * GET /api/me: who the page is signed in as and what they may do, so each view can offer only
 * the actions the API will allow (the API still checks every one).
 */
import * as z from 'zod';
import { roles } from '../platform/config/roles.js';
import { roleOf, type Reviewer } from '../grid/review.js';
import { ForbiddenError } from '../grid/errors.js';

export const meSchema = z.strictObject({ id: z.string(), name: z.string(), role: z.enum(roles) });
export type Me = z.infer<typeof meSchema>;

export function me(reviewer: Reviewer): Me {
  const role = roleOf(reviewer);
  // requireReader has run before any route; this keeps the type honest.
  if (!role) throw new ForbiddenError(`${reviewer.id} has no role in the workspace.`);
  return { id: reviewer.id, name: reviewer.name ?? reviewer.id, role };
}
