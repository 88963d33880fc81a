/**
 * A CPU budget for reading one source (parse + normalise), so that an expensive document fails its
 * own source instead of holding the core its whole group shares.
 *
 * Cooperative checkpoints rather than a worker thread: the functions are bundled by esbuild into one
 * file per Lambda, and a worker needs a second entry file shipped next to it (and tsx's loader
 * locally); a checkpoint needs neither and stops the work where it is, with no copy of the body.
 * The cost is that only code that calls checkpoint() can be stopped: every loop over untrusted
 * input here does (the nesting scan, repair, the XML parser's per-element callback, the text walk,
 * normalising), and each is linear, so the work between two checkpoints is small.
 *
 * Only CPU spent between two checkpoints of the same synchronous run is charged: other sources'
 * work interleaved at an await is not this source's, and process.cpuUsage counts the whole process.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The default per source when the configuration gives none. */
export const DEFAULT_PARSE_BUDGET_MS = 10_000;
/** process.cpuUsage is a system call: read it once per this many checkpoints. */
const SAMPLE_EVERY = 64;

export class BudgetExceeded extends Error {
  readonly reason: string;
  constructor(budgetMs: number) {
    const reason = `reading the document took more than its CPU budget of ${budgetMs.toLocaleString('en-GB')} ms (parseBudgetMs) and was stopped`;
    super(reason);
    this.name = 'BudgetExceeded';
    this.reason = reason;
  }
}

class CpuBudget {
  private spentMicros = 0;
  private calls = 0;
  private last: NodeJS.CpuUsage | undefined;

  constructor(readonly budgetMs: number) {}

  check(): void {
    this.calls += 1;
    if (this.calls % SAMPLE_EVERY !== 0) return;
    const now = process.cpuUsage();
    if (this.last) this.spentMicros += now.user - this.last.user + (now.system - this.last.system);
    else queueMicrotask(() => (this.last = undefined));
    // The run ends when the stack empties; the next checkpoint after an await starts a new one uncharged.
    this.last = now;
    if (this.spentMicros > this.budgetMs * 1000) throw new BudgetExceeded(this.budgetMs);
  }
}

const current = new AsyncLocalStorage<CpuBudget>();

/** Runs `work` (and everything it awaits) under a budget of `budgetMs` of CPU; checkpoints inside throw BudgetExceeded past it. */
export function withCpuBudget<T>(budgetMs: number, work: () => Promise<T>): Promise<T> {
  return current.run(new CpuBudget(budgetMs), work);
}

/** Throws BudgetExceeded when the budget being run under is spent; nothing outside a budget. */
export function checkpoint(): void {
  current.getStore()?.check();
}
