/**
 * Where a running local stack says how to reach it, for commands run from another terminal: its
 * endpoints and this run's credentials, which the emulators require, so the file is the user's
 * alone (mode 0600).
 */
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';

const stackInfoSchema = z.object({
  pid: z.number().int(),
  dynamodb: z.string(),
  sqs: z.string(),
  credentials: z.object({ accessKeyId: z.string().min(1), secretAccessKey: z.string().min(1) }),
  queues: z.record(z.string(), z.object({ url: z.string(), dlqUrl: z.string() })),
});
export type LocalStackInfo = z.infer<typeof stackInfoSchema>;

const FILE = 'local-stack.json';

export function writeLocalStackInfo(dataDir: string, info: LocalStackInfo): void {
  const path = join(dataDir, FILE);
  // Written whole under a private name, then renamed: never readable by others, even for a moment.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600); // the mode is only applied to a new file, and through the umask
  renameSync(temporary, path);
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
