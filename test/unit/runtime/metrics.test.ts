import { describe, expect, it, vi } from 'vitest';
import { metrics } from '../../../shared/runtime/container.js';

describe("the functions' metrics", () => {
  it('say nothing on the console when an invocation counted nothing (no library warning reaches a user)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const write = vi.spyOn(process.stdout, 'write');
    const writeErr = vi.spyOn(process.stderr, 'write');
    metrics.publishStoredMetrics();
    const printed = [...warn.mock.calls, ...write.mock.calls, ...writeErr.mock.calls].map((call) => String(call[0])).join('\n');
    warn.mockRestore();
    write.mockRestore();
    writeErr.mockRestore();
    expect(printed).not.toMatch(/No application metrics/);
  });
});
