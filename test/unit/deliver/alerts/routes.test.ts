import { describe, expect, it } from 'vitest';
import { isQuietTime } from '../../../../shared/deliver/alerts/quiet-hours.js';
import { alertRoutes, deliveriesFor } from '../../../../shared/deliver/alerts/routes.js';
import { parseConfig } from '../../../../shared/platform/config/load.js';

const base = `
council: { name: London Borough of Hartwell, short: Hartwell }
mayor: { name: Sam Okafor }
priorities: [{ id: housing, name: Housing, query: homes }]
sensitivity: { triggers: [resign*] }
groups: [{ id: press, every: 10m }]
sources: [{ id: paper, name: Paper, kind: rss, url: "https://paper.example/rss", group: press }]
briefing: { to: [pa@hartwell.example], from: despatch@hartwell.example }
`;

const parse = (alerts: string, extra = '') => parseConfig(`${base}${alerts}${extra}`, 'test.yaml');

describe('alert routes in the configuration', () => {
  it('keeps alerts.to working on its own, as the route for every alerted story', () => {
    const config = parse('alerts: { to: [pa@hartwell.example] }');

    expect(alertRoutes(config)).toEqual([{ id: 'default', level: 'high', email: ['pa@hartwell.example'], sms: [] }]);
    expect(deliveriesFor('high', alertRoutes(config)).map((d) => d.key)).toEqual(['email']);
  });

  it('adds each route from its level up: high by email; critical also to Slack and by text', () => {
    const config = parse(`alerts:
  routes:
    - { level: high, email: [pa@hartwell.example, comms@hartwell.example] }
    - { level: critical, email: [head@hartwell.example], webhook: { url: "https://hooks.slack.example/services/T/B/X", kind: slack }, sms: ["+447700900123", "+447700900456"] }
`);

    expect(deliveriesFor('high', alertRoutes(config))).toEqual([
      { key: 'email', channel: 'email', to: ['pa@hartwell.example', 'comms@hartwell.example'], routes: ['high'] },
    ]);
    expect(deliveriesFor('critical', alertRoutes(config))).toEqual([
      { key: 'email', channel: 'email', to: ['pa@hartwell.example', 'comms@hartwell.example', 'head@hartwell.example'], routes: ['high', 'critical'] },
      { key: 'webhook-critical', channel: 'webhook', url: 'https://hooks.slack.example/services/T/B/X', kind: 'slack', routes: ['critical'] },
      { key: 'sms-447700900123', channel: 'sms', to: '+447700900123', routes: ['critical'] },
      { key: 'sms-447700900456', channel: 'sms', to: '+447700900456', routes: ['critical'] },
    ]);
  });

  it.each([
    ['alerts: { to: [] }', 'alerts.to: is empty and there are no routes'],
    ['alerts:\n  routes: [{ level: critical, email: [a@hartwell.example] }]', 'start at critical, so a high story would alert nobody'],
    ['alerts:\n  to: [a@hartwell.example]\n  routes: [{ level: watch, email: [b@hartwell.example] }]', 'is watch, below sensitivity.alertLevel (high)'],
    ['alerts:\n  to: [a@hartwell.example]\n  routes: [{ level: critical }]', 'sends nowhere: give email, webhook or sms'],
    ['alerts:\n  to: [a@hartwell.example]\n  routes: [{ level: critical, sms: ["07700 900123"] }]', 'must be a phone number in international form'],
    ['alerts:\n  to: [a@hartwell.example]\n  routes: [{ level: critical, webhook: { url: "javascript:alert(1)", kind: teams } }]', 'must be an http(s) URL'],
    [
      'alerts:\n  to: [a@hartwell.example]\n  routes: [{ level: critical, sms: ["+447700900123"] }, { level: critical, email: [b@hartwell.example] }]',
      'two routes are called "critical": give each an id',
    ],
    ['alerts:\n  to: [a@hartwell.example]\n  quietHours: { from: "22:00", to: "22:00" }', 'from and to are the same time'],
  ])('refuses %j with a plain reason', (alerts, reason) => {
    expect(() => parse(alerts)).toThrow(reason);
  });

  it('refuses an SMTP password in the file, and asks for the variable that holds it', () => {
    expect(() => parse('alerts: { to: [a@hartwell.example] }\n', 'email:\n  smtp: { host: smtp.example, user: despatch, password: hunter2 }\n')).toThrow(
      'email.smtp.password: must not be written in the configuration file',
    );
    expect(
      parse('alerts: { to: [a@hartwell.example] }\n', 'email:\n  smtp: { host: smtp.example, user: despatch, passwordEnv: SMTP_PASSWORD }\n').email.smtp,
    ).toEqual({
      host: 'smtp.example',
      port: 587,
      secure: false,
      user: 'despatch',
      passwordEnv: 'SMTP_PASSWORD',
    });
  });
});

describe('isQuietTime', () => {
  const night = { from: '22:00', to: '07:00' };

  it.each([
    ['2026-11-23T21:59:00Z', false],
    ['2026-11-23T22:00:00Z', true],
    ['2026-11-24T03:00:00Z', true],
    ['2026-11-24T06:59:00Z', true],
    ['2026-11-24T07:00:00Z', false],
    // Summer time: 21:30 UTC is 22:30 in London.
    ['2026-06-30T21:30:00Z', true],
    ['2026-07-01T06:00:00Z', false],
  ])('at %s (London time) over midnight is %s', (at, quiet) => {
    expect(isQuietTime(new Date(at), night)).toBe(quiet);
  });

  it('works for hours within one day, and with none configured', () => {
    expect(isQuietTime(new Date('2026-11-23T13:00:00Z'), { from: '12:00', to: '14:00' })).toBe(true);
    expect(isQuietTime(new Date('2026-11-23T14:00:00Z'), { from: '12:00', to: '14:00' })).toBe(false);
    expect(isQuietTime(new Date('2026-11-23T23:00:00Z'), undefined)).toBe(false);
  });
});
