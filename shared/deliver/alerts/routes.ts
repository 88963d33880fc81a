/**
 * Who hears about an alert, and how: the configured routes (each for a level and above) turned into
 * the deliveries one alert makes. Everyone an alert reaches by email gets one email, however many
 * routes name them; each webhook and each phone number gets one message. Each delivery has a key,
 * so that it is sent at most once per story step even when the alert is retried.
 */
import type { AlertRouteConfig, Config, SensitivityLevel } from '../../platform/config/schema.js';

export interface Route {
  readonly id: string;
  readonly level: Exclude<SensitivityLevel, 'none'>;
  readonly email: readonly string[];
  readonly webhook?: { readonly url: string; readonly kind: 'teams' | 'slack' } | undefined;
  readonly sms: readonly string[];
}

export type Delivery =
  | { readonly key: string; readonly channel: 'email'; readonly to: readonly string[]; readonly routes: readonly string[] }
  | { readonly key: string; readonly channel: 'webhook'; readonly url: string; readonly kind: 'teams' | 'slack'; readonly routes: readonly string[] }
  | { readonly key: string; readonly channel: 'sms'; readonly to: string; readonly routes: readonly string[] };

const RANK: Readonly<Record<SensitivityLevel, number>> = { none: 0, watch: 1, high: 2, critical: 3 };

/** The configured routes, with `alerts.to` as the route for every alerted story (from sensitivity.alertLevel up). */
export function alertRoutes(config: Pick<Config, 'alerts' | 'sensitivity'>): Route[] {
  const routes: Route[] = [];
  if (config.alerts.to.length > 0) routes.push({ id: 'default', level: config.sensitivity.alertLevel, email: config.alerts.to, sms: [] });
  for (const route of config.alerts.routes) routes.push(fromConfig(route));
  return routes;
}

function fromConfig(route: AlertRouteConfig): Route {
  return { id: route.id ?? route.level, level: route.level, email: route.email, webhook: route.webhook, sms: route.sms };
}

/** The deliveries for an alert at `level`: every route for that level or a lower one. */
export function deliveriesFor(level: SensitivityLevel, routes: readonly Route[]): Delivery[] {
  const matching = routes.filter((r) => RANK[level] >= RANK[r.level]);
  const deliveries: Delivery[] = [];
  const emailRoutes = matching.filter((r) => r.email.length > 0);
  // One email per person, however many routes name them (the first spelling is kept).
  const byAddress = new Map<string, string>();
  for (const address of emailRoutes.flatMap((r) => r.email)) if (!byAddress.has(address.toLowerCase())) byAddress.set(address.toLowerCase(), address);
  const to = [...byAddress.values()];
  if (to.length > 0) deliveries.push({ key: 'email', channel: 'email', to, routes: emailRoutes.map((r) => r.id) });
  const webhooks = new Map<string, { kind: 'teams' | 'slack'; routes: string[] }>();
  for (const r of matching) {
    if (!r.webhook) continue;
    const seen = webhooks.get(r.webhook.url);
    if (seen) seen.routes.push(r.id);
    else webhooks.set(r.webhook.url, { kind: r.webhook.kind, routes: [r.id] });
  }
  for (const [url, { kind, routes: ids }] of webhooks) deliveries.push({ key: `webhook-${ids[0] ?? 'route'}`, channel: 'webhook', url, kind, routes: ids });
  const phones = new Map<string, string[]>();
  for (const r of matching) for (const number of r.sms) phones.set(number, [...(phones.get(number) ?? []), r.id]);
  for (const [number, ids] of phones) deliveries.push({ key: `sms-${number.slice(1)}`, channel: 'sms', to: number, routes: ids });
  return deliveries;
}

export function levelRank(level: SensitivityLevel): number {
  return RANK[level];
}
