/**
 * The one configuration file: what the Mayor's office watches, what it cares about, who hears.
 * Everything read from it is validated here; the types below are derived from the schema.
 */
import { z } from 'zod';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and hyphens (e.g. "bbc-london")');

const email = z.email('must be an email address');

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** "10m", "1h", "90s": how often a source group is polled. At least one minute, as EventBridge Scheduler allows. */
export const durationPattern = /^(\d+)(s|m|h|d)$/;
const every = z
  .string()
  .regex(durationPattern, 'must be a duration such as "10m", "1h" or "1d"')
  .refine((v) => parseDurationSeconds(v) >= 60, 'must be at least 1m (the shortest schedule EventBridge allows)')
  .refine((v) => parseDurationSeconds(v) % 60 === 0, 'must be a whole number of minutes (EventBridge schedules in minutes)');

export function parseDurationSeconds(value: string): number {
  const match = durationPattern.exec(value);
  if (!match) throw new Error(`not a duration: ${value}`);
  const n = Number(match[1]);
  const unit = match[2] as 's' | 'm' | 'h' | 'd';
  return n * { s: 1, m: 60, h: 3600, d: 86400 }[unit];
}

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time such as "07:00"');

export const sourceKinds = ['rss', 'atom', 'rdf'] as const;

const sourceSchema = z.strictObject({
  id,
  name: z.string().min(1),
  kind: z.enum(sourceKinds),
  url: httpUrl,
  group: id,
  /** Outlet class, used to weigh sensitivity later; "press" by default. */
  outlet: z.enum(['national', 'local', 'blog', 'official']).default('local'),
});

const prioritySchema = z.strictObject({
  id,
  name: z.string().min(1),
  query: z.string().min(1),
  hashtags: z.array(z.string()).default([]),
});

export const configSchema = z
  .strictObject({
    council: z.strictObject({ name: z.string().min(1), short: z.string().min(1) }),
    mayor: z.strictObject({ name: z.string().min(1), aliases: z.array(z.string().min(1)).default([]) }),
    priorities: z.array(prioritySchema).min(1),
    sensitivity: z.strictObject({
      triggers: z.array(z.string().min(1)).min(1),
    }),
    sources: z.array(sourceSchema).min(1),
    groups: z.array(z.strictObject({ id, every })).min(1),
    briefing: z.strictObject({
      time: clockTime.default('07:00'),
      days: z.array(z.enum(weekdays)).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
      to: z.array(email).min(1),
      from: email,
    }),
    alerts: z.strictObject({ to: z.array(email).min(1), from: email.optional() }),
    network: z
      .strictObject({
        allowPrivateHosts: z.boolean().default(false),
        /** Who to contact about our requests: goes into the User-Agent, as publishers ask. */
        contact: z.string().min(3).default('despatch@example.gov.uk'),
        timeoutSeconds: z.number().int().min(1).max(60).default(20),
        maxBodyBytes: z.number().int().min(1024).default(5 * 1024 * 1024),
      })
      .default({ allowPrivateHosts: false, contact: 'despatch@example.gov.uk', timeoutSeconds: 20, maxBodyBytes: 5 * 1024 * 1024 }),
    retention: z.strictObject({ days: z.number().int().min(1).max(3650) }).default({ days: 400 }),
  })
  .superRefine((config, ctx) => {
    const groupIds = new Set(config.groups.map((g) => g.id));
    config.sources.forEach((source, i) => {
      if (!groupIds.has(source.group)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'group'],
          message: `names group "${source.group}", which is not under groups (${[...groupIds].join(', ')})`,
        });
      }
    });
    reportDuplicates(config.sources.map((s) => s.id), 'sources', ctx);
    reportDuplicates(config.priorities.map((p) => p.id), 'priorities', ctx);
    reportDuplicates(config.groups.map((g) => g.id), 'groups', ctx);
  });

function reportDuplicates(ids: string[], list: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  ids.forEach((value, i) => {
    if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [list, i, 'id'], message: `duplicate id "${value}"` });
    seen.add(value);
  });
}

export type Config = z.infer<typeof configSchema>;
export type SourceConfig = Config['sources'][number];
export type PriorityConfig = Config['priorities'][number];
export type GroupConfig = Config['groups'][number];
