/**
 * The local queues' journal: what makes local SQS as durable as SQS. local-aws-sqs keeps messages
 * in memory only; every change a client makes through the durable front (durable-sqs.ts) is
 * appended here as one JSON line, and a message SendMessage accepted is on disk (fdatasync) before
 * the client hears "accepted". On start the journal is replayed into a fresh emulator, compacted to
 * the messages still alive, and in-flight messages come back after what was left of their
 * visibility timeout.
 *
 * The model is deliberately observational: it records what clients were told (sent, received with
 * a count, deleted) and derives where a message is from that, rather than copying the emulator's
 * internals. A message received maxReceiveCount times and not deleted is dead-lettered (the
 * emulator moves it on its next receive; the journal counts it there already). A redrive (a
 * message-move task on a DLQ) gives the moved messages new ids in the emulator; the journal renames
 * its entries when it first sees them received, matched by queue and body.
 *
 * Other processes (`despatch status`, `redrive --list`) read the same file to count and list
 * messages, whether or not the stack is running: a torn last line (a crash mid-write) is ignored.
 */
import { closeSync, existsSync, fdatasyncSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';

export const JOURNAL_FILE = 'queue-journal.jsonl';

const queueConfigSchema = z.object({
  visibilityTimeoutSeconds: z.number(),
  deadLetter: z.object({ queue: z.string(), maxReceiveCount: z.number().int().positive() }).optional(),
});
export type JournalQueueConfig = z.infer<typeof queueConfigSchema>;

const eventSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('queue'), queue: z.string(), config: queueConfigSchema }),
  z.object({
    op: z.literal('send'),
    queue: z.string(),
    id: z.string(),
    body: z.string(),
    at: z.number(),
    visibleAt: z.number().optional(),
    /** Replayed from an earlier run: how it stood then (compaction writes these). */
    dead: z.boolean().optional(),
    lastError: z.string().optional(),
    firstSentAt: z.number().optional(),
  }),
  z.object({ op: z.literal('recv'), queue: z.string(), id: z.string(), count: z.number().int(), visibleAt: z.number(), body: z.string().optional() }),
  z.object({ op: z.literal('visibility'), id: z.string(), visibleAt: z.number() }),
  z.object({ op: z.literal('del'), id: z.string() }),
  z.object({ op: z.literal('fail'), id: z.string(), reason: z.string(), at: z.number() }),
  z.object({ op: z.literal('purge'), queue: z.string() }),
  z.object({ op: z.literal('redrive'), dlq: z.string(), at: z.number() }),
]);
export type JournalEvent = z.infer<typeof eventSchema>;

export interface JournalMessage {
  id: string;
  /** The queue it was sent to (for a dead-lettered message, the queue it failed on). */
  queue: string;
  body: string;
  firstSentAt: number;
  receives: number;
  /** Not receivable before this (in flight, or delayed). */
  visibleAt: number;
  dead: boolean;
  /** Moved back from a DLQ and not yet seen under the new id the emulator gave it. */
  awaitingNewId: boolean;
  lastError?: string;
}

export interface QueueCounts {
  waiting: number;
  inFlight: number;
}

/** The state the journal's events add up to; pure, so status and tests can use it without files. */
export class JournalModel {
  readonly queues = new Map<string, JournalQueueConfig>();
  readonly messages = new Map<string, JournalMessage>();
  /** Deleted ids, so an accept journalled after its delete (requests race) does not revive it. */
  private readonly deleted = new Set<string>();

  apply(event: JournalEvent): void {
    switch (event.op) {
      case 'queue':
        this.queues.set(event.queue, event.config);
        return;
      case 'send': {
        if (this.messages.has(event.id) || this.deleted.has(event.id)) return;
        this.messages.set(event.id, {
          id: event.id,
          queue: event.queue,
          body: event.body,
          firstSentAt: event.firstSentAt ?? event.at,
          receives: 0,
          visibleAt: event.visibleAt ?? event.at,
          dead: event.dead ?? false,
          awaitingNewId: false,
          ...(event.lastError ? { lastError: event.lastError } : {}),
        });
        return;
      }
      case 'recv':
        this.received(event);
        return;
      case 'visibility': {
        const message = this.messages.get(event.id);
        if (message) message.visibleAt = event.visibleAt;
        return;
      }
      case 'del':
        this.messages.delete(event.id);
        this.deleted.add(event.id);
        return;
      case 'fail': {
        const message = this.messages.get(event.id);
        if (message) message.lastError = event.reason;
        return;
      }
      case 'purge':
        for (const message of [...this.messages.values()]) if (this.locationOf(message) === event.queue) this.messages.delete(message.id);
        return;
      case 'redrive':
        for (const message of this.messages.values()) {
          if (!this.isDead(message) || this.deadLetterQueueOf(message.queue) !== event.dlq) continue;
          Object.assign(message, { dead: false, receives: 0, visibleAt: event.at, awaitingNewId: true });
        }
        return;
    }
  }

  private received(event: Extract<JournalEvent, { op: 'recv' }>): void {
    const known = this.messages.get(event.id);
    if (known) {
      // Received from its dead-letter queue: it is there, whatever the count says.
      if (event.queue !== known.queue) known.dead = true;
      else known.receives = event.count;
      known.visibleAt = event.visibleAt;
      return;
    }
    if (this.deleted.has(event.id) || event.body === undefined) return;
    // A message the emulator made: a redriven one under its new id, or (requests race) one whose
    // accept is not journalled yet. Either way it is alive in this queue.
    const moved = [...this.messages.values()].find((m) => m.awaitingNewId && m.queue === event.queue && m.body === event.body);
    if (moved) this.messages.delete(moved.id);
    this.messages.set(event.id, {
      id: event.id,
      queue: event.queue,
      body: event.body,
      firstSentAt: moved?.firstSentAt ?? event.visibleAt,
      receives: event.count,
      visibleAt: event.visibleAt,
      dead: false,
      awaitingNewId: false,
      ...(moved?.lastError ? { lastError: moved.lastError } : {}),
    });
  }

  deadLetterQueueOf(queue: string): string | undefined {
    return this.queues.get(queue)?.deadLetter?.queue;
  }

  /**
   * Dead-lettered: received as often as its queue allows, and its last attempt's visibility timeout
   * ran out without a delete (while that attempt is in flight it may still succeed).
   */
  isDead(message: JournalMessage, now = Date.now()): boolean {
    if (message.dead) return true;
    const max = this.queues.get(message.queue)?.deadLetter?.maxReceiveCount;
    return max !== undefined && message.receives >= max && message.visibleAt <= now;
  }

  /** The queue the message is in now. */
  locationOf(message: JournalMessage, now = Date.now()): string {
    return this.isDead(message, now) ? (this.deadLetterQueueOf(message.queue) ?? message.queue) : message.queue;
  }

  counts(queue: string, now: number): QueueCounts {
    const counts = { waiting: 0, inFlight: 0 };
    for (const message of this.messages.values()) {
      if (this.locationOf(message, now) !== queue) continue;
      if (!this.isDead(message, now) && message.visibleAt > now) counts.inFlight++;
      else counts.waiting++;
    }
    return counts;
  }

  /** The messages in a queue (a DLQ's are the dead-lettered ones), oldest first. */
  messagesIn(queue: string): JournalMessage[] {
    return [...this.messages.values()].filter((m) => this.locationOf(m) === queue).sort((a, b) => a.firstSentAt - b.firstSentAt);
  }
}

export class JournalCorruptError extends Error {
  constructor(path: string, line: number, detail: string) {
    super(
      `The local queue journal ${path} is damaged at line ${line} (${detail}). Restore the data dir from a backup ("despatch restore FILE"), or move the file away to start with empty queues.`,
    );
    this.name = 'JournalCorruptError';
  }
}

/** Reads a journal file into a model. A torn last line is a crash mid-append and is ignored. */
export function readJournal(dir: string): JournalModel {
  const model = new JournalModel();
  const path = join(dir, JOURNAL_FILE);
  if (!existsSync(path)) return model;
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.pop(); // what follows the last newline: nothing, or a line torn by a crash mid-append
  lines.forEach((line, index) => {
    if (line === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new JournalCorruptError(path, index + 1, 'not JSON');
    }
    const parsed = eventSchema.safeParse(json);
    if (!parsed.success) throw new JournalCorruptError(path, index + 1, parsed.error.issues[0]?.message ?? 'unknown event');
    model.apply(parsed.data);
  });
  return model;
}

/** The journal a running stack appends to; the model in memory always matches the file. */
export class QueueJournal {
  private fd: number;
  private eventsSinceCompaction = 0;

  private constructor(
    readonly dir: string,
    readonly model: JournalModel,
  ) {
    this.fd = openSync(join(dir, JOURNAL_FILE), 'a');
  }

  static open(dir: string): QueueJournal {
    mkdirSync(dir, { recursive: true });
    return new QueueJournal(dir, readJournal(dir));
  }

  /** Appends events; with `sync`, they are on disk when this returns (an accepted send). */
  append(events: JournalEvent[], sync = false): void {
    if (events.length === 0) return;
    for (const event of events) this.model.apply(event);
    writeSync(this.fd, events.map((e) => `${JSON.stringify(e)}\n`).join(''));
    if (sync) fdatasyncSync(this.fd);
    this.eventsSinceCompaction += events.length;
    if (this.eventsSinceCompaction > 20_000 && this.eventsSinceCompaction > 4 * this.model.messages.size) this.compact();
  }

  /**
   * Rewrites the journal as just the queues and the live messages: written aside, synced, renamed
   * over the old file, so a crash at any moment leaves one whole journal or the other.
   */
  compact(rename: Map<string, string> = new Map()): void {
    const path = join(this.dir, JOURNAL_FILE);
    const next = `${path}.next`;
    const fd = openSync(next, 'w');
    const lines: string[] = [];
    for (const [queue, config] of this.model.queues) lines.push(JSON.stringify({ op: 'queue', queue, config } satisfies JournalEvent));
    const now = Date.now();
    for (const message of this.model.messages.values()) {
      const event: JournalEvent = {
        op: 'send',
        queue: message.queue,
        id: rename.get(message.id) ?? message.id,
        body: message.body,
        at: now,
        firstSentAt: message.firstSentAt,
        visibleAt: message.visibleAt,
        ...(this.model.isDead(message) ? { dead: true } : {}),
        ...(message.lastError ? { lastError: message.lastError } : {}),
      };
      lines.push(JSON.stringify(event));
      // Compacted entries carry their receive count only as "dead or not": the emulator counts anew.
    }
    writeSync(fd, lines.map((l) => `${l}\n`).join(''));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(next, path);
    const dirFd = openSync(this.dir, 'r');
    fsyncSync(dirFd);
    closeSync(dirFd);
    closeSync(this.fd);
    this.fd = openSync(path, 'a');
    // The model now matches the file: renamed ids, counts reset.
    const renamed = new JournalModel();
    for (const [queue, config] of this.model.queues) renamed.queues.set(queue, config);
    for (const line of lines) renamed.apply(eventSchema.parse(JSON.parse(line)));
    this.model.messages.clear();
    for (const [id, message] of renamed.messages) this.model.messages.set(id, message);
    this.eventsSinceCompaction = 0;
  }

  close(): void {
    fdatasyncSync(this.fd);
    closeSync(this.fd);
  }
}
