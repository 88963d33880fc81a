import { describe, expect, it } from 'vitest';
import { reviewerFromClaims } from '../../../shared/workspace/http-api.js';
import { roleOf } from '../../../shared/grid/review.js';

describe('reviewerFromClaims', () => {
  it('records the username and the immutable sub, never the email a user could change', () => {
    // Act
    const reviewer = reviewerFromClaims({ email: 'pat@testborough.gov.uk', 'cognito:username': 'pat', sub: '6f1c2a', 'cognito:groups': '[approvers]' });
    // Assess
    expect(reviewer).toEqual({ id: 'pat/6f1c2a', groups: ['approvers'], name: 'pat@testborough.gov.uk' });
  });

  it('maps the Cognito groups to the same roles as local users, the highest first', () => {
    const role = (groups: string) => roleOf(reviewerFromClaims({ sub: 's', 'cognito:groups': groups }));
    expect([role('[approvers editors]'), role('[editors]'), role('[readers]'), role('[readers editors]'), role('[]')]).toEqual([
      'approver',
      'editor',
      'reader',
      'editor',
      undefined,
    ]);
  });

  it('names a person by their name claim, else their email, else their username', () => {
    expect(reviewerFromClaims({ sub: 's', name: 'Pat Jones', email: 'pat@x.gov.uk' }).name).toBe('Pat Jones');
    expect(reviewerFromClaims({ sub: 's', 'cognito:username': 'pat' }).name).toBe('pat');
  });

  it('uses the sub alone when the username is the sub', () => {
    expect(reviewerFromClaims({ 'cognito:username': '6f1c2a', sub: '6f1c2a', email: 'x@y.gov.uk' }).id).toBe('6f1c2a');
  });

  it('falls back to the email only for a token with neither (local sign-in)', () => {
    expect(reviewerFromClaims({ email: 'pat@testborough.gov.uk' }).id).toBe('pat@testborough.gov.uk');
  });
});
