/**
 * The grid's error vocabulary, mapped to HTTP statuses in one place (http-api.ts). Messages are in
 * plain words: the review page shows them as they are.
 */
import { londonDateTime } from '../deliver/render/time.js';
import type { Slot } from './model.js';

/** No valid sign-in: 401. */
export class UnauthenticatedError extends Error {
  constructor(message = 'Sign in to see the grid.') {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

/** Signed in, but not allowed to do this: 403. */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The request itself is malformed (bad JSON, missing version): 400. */
export class InvalidRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRequestError';
  }
}

/**
 * Someone changed the slot since the caller read it: 409, with the slot as it is now, so the
 * second editor can merge their words into it and lose nothing.
 */
export class ConflictError extends Error {
  constructor(readonly current: Slot | undefined) {
    super(
      current
        ? `${current.updatedBy} changed this slot at ${londonDateTime(new Date(current.updatedAt))} (now version ${current.version}). Your text is kept below: compare, then save again.`
        : 'This slot was removed by a replan since you opened it.',
    );
    this.name = 'ConflictError';
  }
}

/** A review rule stops the change (approving without alt text, editing an approved post): 422. */
export class ReviewRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewRuleError';
  }
}

/** The slot would be too big to store (DynamoDB's 400 KB item limit): 413, saying what to shorten. */
export class SlotTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlotTooLargeError';
  }
}
