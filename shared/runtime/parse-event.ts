/**
 * Validation of what arrives at a handler: schedule inputs and queue message bodies. A bad input gets
 * an InvalidMessageError naming what was wrong; for a queue record that makes it a batch item
 * failure, so it ends in the DLQ rather than vanishing.
 */
import type * as z from 'zod';

export class InvalidMessageError extends Error {
  constructor(
    readonly what: string,
    readonly problems: string,
  ) {
    super(`Invalid ${what}: ${problems}`);
    this.name = 'InvalidMessageError';
  }
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new InvalidMessageError(what, result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  }
  return result.data;
}

export function parseJsonBody<S extends z.ZodType>(schema: S, body: string, what: string): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new InvalidMessageError(what, 'body is not JSON');
  }
  return parseInput(schema, json, what);
}
