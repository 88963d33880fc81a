/**
 * `despatch secrets push [--config FILE] [--stack NAME] [--region R]`: writes the alert routes'
 * webhook addresses and phone numbers from the configuration to SSM Parameter Store, as
 * SecureStrings under /despatch/<stack>/alerts, where the deployed alerter reads them. Run it with
 * the deployer's credentials before `cdk deploy`, and again whenever a webhook or number changes
 * (the alerter reads them at cold start). Prints the parameter names, never the values.
 */
import { SSMClient } from '@aws-sdk/client-ssm';
import { pushSecrets } from '../../shared/adapters/aws/ssm-secrets.js';
import { extractAlertSecrets, parameterValue, secretParameters, secretsPrefix } from '../../shared/deliver/alerts/secrets.js';
import { parseCommandArgs, UsageError } from '../args.js';
import { DEFAULT_CONFIG, loadConfig } from '../local.js';

export const SECRETS_HELP = `despatch secrets push [--config FILE] [--stack NAME] [--region R]
    Write the alert routes' webhook addresses and phone numbers to SSM Parameter Store
    (SecureString, /despatch/<stack>/alerts/<route>/webhook|sms) for the deployed alerter.
    Run before "cdk deploy" and after changing them; default stack Despatch.`;

const options = {
  config: { type: 'string' },
  stack: { type: 'string', default: 'Despatch' },
  region: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export async function secretsCommand(argv: string[], client?: SSMClient): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, options, 'despatch secrets');
  if (values.help) {
    console.log(SECRETS_HELP);
    return 0;
  }
  if (positionals[0] !== 'push' || positionals.length > 1) throw new UsageError(`secrets needs "push"\n\n${SECRETS_HELP}`);
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(values.stack)) throw new UsageError(`--stack ${values.stack} is not a CloudFormation stack name`);
  const config = loadConfig(values.config ?? DEFAULT_CONFIG);
  const parameters = secretParameters(config);
  if (parameters.length === 0) {
    console.log('No alert route has a webhook or phone numbers: nothing to write.');
    return 0;
  }
  const secrets = extractAlertSecrets(config);
  const ssm = client ?? new SSMClient(values.region ? { region: values.region } : {});
  const written = await pushSecrets(ssm, secretsPrefix(values.stack), parameters, (p) => parameterValue(secrets, p));
  for (const name of written) console.log(`wrote ${name} (SecureString)`);
  return 0;
}
