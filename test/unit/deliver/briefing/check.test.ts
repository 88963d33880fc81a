import { describe, expect, it } from 'vitest';
import { checkBriefingSent } from '../../../../shared/deliver/briefing/send.js';
import { sentOn } from '../../../support/briefing-log.js';
import { testConfig } from '../../../support/config.js';

const config = testConfig([{ id: 'paper', url: 'https://paper.example/feed' }]);

function storeWith(dates: string[]) {
  return {
    ...sentOn(dates),
    lastBriefing: async () => undefined,
    recordBriefing: async () => undefined,
    putItemIfAbsent: async () => 'created' as const,
    getItemRecord: async () => undefined,
    markAlertQueued: async () => undefined,
    itemsSeenBetween: async () => [],
  };
}

describe('checkBriefingSent', () => {
  it('says "missing" at 07:15 on a weekday with no briefing recorded', async () => {
    expect(await checkBriefingSent(new Date('2026-11-24T07:15:00Z'), { config, store: storeWith([]) })).toEqual({ status: 'missing', localDate: '2026-11-24' });
  });

  it('says "sent" when today\'s briefing is recorded (London date, in summer time too)', async () => {
    expect(await checkBriefingSent(new Date('2026-06-30T06:15:00Z'), { config, store: storeWith(['2026-06-30']) })).toMatchObject({ status: 'sent' });
  });

  it('has nothing to miss at the weekend', async () => {
    expect(await checkBriefingSent(new Date('2026-11-28T07:15:00Z'), { config, store: storeWith([]) })).toMatchObject({ status: 'not-a-briefing-day' });
  });

  it('checks the right day when a late-evening briefing is checked after midnight', async () => {
    const late = { ...config, briefing: { ...config.briefing, time: '23:50' } };
    // 00:05 on Wednesday checks Tuesday's 23:50 briefing.
    expect(await checkBriefingSent(new Date('2026-11-25T00:05:00Z'), { config: late, store: storeWith(['2026-11-24']) })).toEqual({
      status: 'sent',
      localDate: '2026-11-24',
    });
  });
});
