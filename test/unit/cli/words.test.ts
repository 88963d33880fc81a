/** The progress line says what happened to a message in the office's words, not SQS's. */
import { describe, expect, it } from 'vitest';
import { describeDrain } from '../../../cli/run-once.js';

describe('progress in plain words', () => {
  it('says messages that failed repeatedly are set aside, not "dead-lettered"', () => {
    // Act
    const line = describeDrain({ classified: 19, alertsProcessed: 2, waiting: 0, deadLettered: 1 });
    // Assess
    expect(line).toBe('Processing: 19 classified, 0 waiting, 1 set aside (failed repeatedly)');
    expect(line).not.toMatch(/dead-letter/i);
  });
});
