/** Where a running local stack says how to reach it, for commands run from another terminal. */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';

const stackInfoSchema = z.object({
  pid: z.number().int(),
  dynamodb: z.string(),
  sqs: z.string(),
  queues: z.record(z.string(), z.object({ url: z.string(), dlqUrl: z.string() })),
});
export type LocalStackInfo = z.infer<typeof stackInfoSchema>;

const FILE = 'local-stack.json';

export function writeLocalStackInfo(dataDir: string, info: LocalStackInfo): void {
  writeFileSync(join(dataDir, FILE), `${JSON.stringify(info, null, 2)}\n`);
}

export function removeLocalStackInfo(dataDir: string): void {
  rmSync(join(dataDir, FILE), { force: true });
}

/** The running stack's endpoints, or undefined when none is running from this data dir. */
export function readLocalStackInfo(dataDir: string): LocalStackInfo | undefined {
  const path = join(dataDir, FILE);
  if (!existsSync(path)) return undefined;
  const parsed = stackInfoSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) return undefined;
  try {
    process.kill(parsed.data.pid, 0); // is that process still alive?
  } catch {
    return undefined;
  }
  return parsed.data;
}
