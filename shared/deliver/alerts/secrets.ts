/**
 * The alert routes' secrets: Teams/Slack webhook addresses (their `sig=` lets anyone post) and the
 * phone numbers texted. They never travel in a function bundle: the build seals them out of the
 * configuration every function carries (`sealAlertSecrets`), they are kept in SSM Parameter Store
 * as SecureStrings (`despatch secrets push` writes them), and the alerter alone reads them at cold
 * start through a `SecretsPort` and puts them back (`unsealAlertSecrets`). Locally the port reads
 * them from the configuration file itself.
 */
import type { AlertRouteConfig, Config } from '../../platform/config/schema.js';

/** One route's secrets, by route id (`id`, or its level). */
export interface RouteSecrets {
  readonly webhookUrl?: string;
  readonly sms: readonly string[];
}

export type AlertSecrets = Readonly<Record<string, RouteSecrets>>;

/** Where the alerter gets the routes' secrets: SSM in AWS, the configuration file locally. */
export interface SecretsPort {
  /** The secrets of the routes named; fails when one that a route needs is missing. */
  load(wanted: readonly SecretParameter[]): Promise<AlertSecrets>;
}

/** One parameter in Parameter Store: which route, which secret, and its name below the prefix. */
export interface SecretParameter {
  readonly routeId: string;
  readonly kind: 'webhook' | 'sms';
  /** `<routeId>/webhook` or `<routeId>/sms`, appended to the stack's prefix. */
  readonly name: string;
}

export class SecretsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretsError';
  }
}

/** Parameter Store prefix of a stack's alert secrets: `/despatch/<stack>/alerts`. */
export function secretsPrefix(stackName: string): string {
  return `/despatch/${stackName}/alerts`;
}

/** Any configuration, or a function's projection of one, that has the alert routes. */
type WithAlerts = Pick<Config, 'alerts'>;

function routeId(route: AlertRouteConfig): string {
  return route.id ?? route.level;
}

/** The routes' secrets as written in a full (unsealed) configuration. */
export function extractAlertSecrets(config: WithAlerts): AlertSecrets {
  const out: Record<string, RouteSecrets> = {};
  for (const route of config.alerts.routes) {
    if (!route.webhook && route.sms.length === 0) continue;
    out[routeId(route)] = { ...(route.webhook ? { webhookUrl: route.webhook.url } : {}), sms: route.sms };
  }
  return out;
}

/** The parameters a configuration (sealed or not) needs: one per webhook, one per route's numbers. */
export function secretParameters(config: WithAlerts): SecretParameter[] {
  const out: SecretParameter[] = [];
  for (const route of config.alerts.routes) {
    const id = routeId(route);
    if (route.webhook || route.sealed?.webhook) out.push({ routeId: id, kind: 'webhook', name: `${id}/webhook` });
    if (route.sms.length > 0 || route.sealed?.sms) out.push({ routeId: id, kind: 'sms', name: `${id}/sms` });
  }
  return out;
}

/**
 * The configuration a bundle may carry: every route's webhook address and numbers taken out, with
 * a `sealed` note of what was there (so the configuration still validates, and the alerter knows
 * what to read).
 */
export function sealAlertSecrets<C extends WithAlerts>(config: C): C {
  const routes = config.alerts.routes.map((route): AlertRouteConfig => {
    if (!route.webhook && route.sms.length === 0) return route;
    const { webhook, sms, ...rest } = route;
    return { ...rest, sms: [], sealed: { ...(webhook ? { webhook: webhook.kind } : {}), ...(sms.length > 0 ? { sms: true as const } : {}) } };
  });
  return { ...config, alerts: { ...config.alerts, routes } };
}

/** The sealed configuration with its secrets back: what the alerter delivers with. */
export function unsealAlertSecrets<C extends WithAlerts>(config: C, secrets: AlertSecrets): C {
  const routes = config.alerts.routes.map((route): AlertRouteConfig => {
    if (!route.sealed) return route;
    const id = routeId(route);
    const found = secrets[id];
    const { sealed, ...rest } = route;
    if (sealed.webhook && !found?.webhookUrl)
      throw new SecretsError(`alert route "${id}": its webhook address is not in the secrets (run "despatch secrets push")`);
    if (sealed.sms && !found?.sms.length) throw new SecretsError(`alert route "${id}": its phone numbers are not in the secrets (run "despatch secrets push")`);
    return {
      ...rest,
      ...(sealed.webhook && found?.webhookUrl ? { webhook: { kind: sealed.webhook, url: found.webhookUrl } } : {}),
      sms: sealed.sms && found ? [...found.sms] : [],
    };
  });
  return { ...config, alerts: { ...config.alerts, routes } };
}

/** A SecureString's text for one parameter, as `despatch secrets push` writes it. */
export function parameterValue(secrets: AlertSecrets, parameter: SecretParameter): string {
  const route = secrets[parameter.routeId];
  const value = parameter.kind === 'webhook' ? route?.webhookUrl : route?.sms.join(',');
  if (!value) throw new SecretsError(`alert route "${parameter.routeId}" has no ${parameter.kind} in the configuration`);
  return value;
}
