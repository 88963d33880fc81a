/**
 * Ctrl-C and SIGTERM, from the first moment a long-running command starts: the first asks the
 * command to stop (it finishes the message in hand and keeps the rest on the durable queues for the
 * next start); a second stops at once, which loses nothing either, since whatever the queues
 * accepted is on disk. Installed before anything else, so a signal during startup never kills the
 * process half-way with the default handler.
 */
export interface StopSignal {
  signal: AbortSignal;
  /** Which signal asked for the stop, if one did. */
  readonly received: NodeJS.Signals | undefined;
  /** Resolves when a stop is asked for. */
  readonly stopped: Promise<void>;
  dispose(): void;
}

/** Exit codes a signal-stopped command ends with, as shells expect (128 + the signal's number). */
export const SIGNAL_EXIT_CODE: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

export function installStopSignals(log: (line: string) => void): StopSignal {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) {
      log('Stopping now. Nothing is lost: what was queued is on disk and is processed at the next start.');
      process.exit(SIGNAL_EXIT_CODE[signal === 'SIGTERM' ? 'SIGTERM' : 'SIGINT']);
    }
    received = signal;
    log(`Stopping (${signal}): finishing the work in hand; the rest stays queued for the next start. Press Ctrl-C again to stop at once.`);
    controller.abort();
    resolveStopped();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    stopped,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** The promise's value, or "stopped" if the stop came first (the promise is left to settle unheard). */
export async function unlessStopped<T>(work: Promise<T>, stop: StopSignal | undefined): Promise<{ value: T } | { stopped: true }> {
  if (!stop) return { value: await work };
  work.catch(() => undefined); // abandoned on a stop: its failure (the emulators closing under it) is expected
  return Promise.race([work.then((value) => ({ value })), stop.stopped.then(() => ({ stopped: true as const }))]);
}
