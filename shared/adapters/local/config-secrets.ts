/**
 * Locally (`npm start`) the routes' secrets stay where the office wrote them, in the configuration
 * file: nothing is bundled on a laptop, so there is nothing to keep them out of.
 */
import type { Config } from '../../platform/config/schema.js';
import { extractAlertSecrets, type SecretsPort } from '../../deliver/alerts/secrets.js';

export function createConfigSecrets(config: () => Pick<Config, 'alerts'>): SecretsPort {
  return { load: () => Promise.resolve(extractAlertSecrets(config())) };
}
