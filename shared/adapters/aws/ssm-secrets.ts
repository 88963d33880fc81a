/**
 * The alert routes' secrets from SSM Parameter Store: SecureStrings under the stack's prefix,
 * decrypted on read (the alerter's role alone may), checked before they are used.
 */
import { GetParametersCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import * as z from 'zod';
import { SecretsError, type RouteSecrets, type SecretParameter, type SecretsPort } from '../../deliver/alerts/secrets.js';

/** GetParameters takes at most ten names a call. */
const BATCH = 10;

const webhookUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const phoneNumbers = z.array(z.string().regex(/^\+[1-9]\d{7,14}$/, 'must be a phone number in international form')).min(1);

export function createSsmSecrets(client: SSMClient, prefix: string): SecretsPort {
  return {
    async load(wanted) {
      const values = new Map<string, string>();
      for (let i = 0; i < wanted.length; i += BATCH) {
        const names = wanted.slice(i, i + BATCH).map((p) => `${prefix}/${p.name}`);
        const out = await client.send(new GetParametersCommand({ Names: names, WithDecryption: true }));
        if (out.InvalidParameters?.length)
          throw new SecretsError(`missing in Parameter Store: ${out.InvalidParameters.join(', ')} (run "despatch secrets push")`);
        for (const parameter of out.Parameters ?? []) {
          if (parameter.Name && parameter.Value !== undefined) values.set(parameter.Name, parameter.Value);
        }
      }
      const secrets: Record<string, { webhookUrl?: string; sms: string[] }> = {};
      for (const parameter of wanted) {
        const name = `${prefix}/${parameter.name}`;
        const value = values.get(name);
        if (value === undefined) throw new SecretsError(`missing in Parameter Store: ${name} (run "despatch secrets push")`);
        const route = (secrets[parameter.routeId] ??= { sms: [] });
        if (parameter.kind === 'webhook') route.webhookUrl = check(webhookUrl, value.trim(), name);
        else
          route.sms = check(
            phoneNumbers,
            value.split(',').map((n) => n.trim()),
            name,
          );
      }
      return secrets satisfies Record<string, RouteSecrets>;
    },
  };
}

/** Writes each parameter as a SecureString (the account's aws/ssm key), replacing what was there. */
export async function pushSecrets(
  client: SSMClient,
  prefix: string,
  parameters: readonly SecretParameter[],
  value: (p: SecretParameter) => string,
): Promise<string[]> {
  const written: string[] = [];
  for (const parameter of parameters) {
    const name = `${prefix}/${parameter.name}`;
    await client.send(
      new PutParameterCommand({
        Name: name,
        Value: value(parameter),
        Type: 'SecureString',
        Overwrite: true,
        Description: `Despatch alert route ${parameter.routeId}: ${parameter.kind}`,
      }),
    );
    written.push(name);
  }
  return written;
}

function check<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const result = schema.safeParse(value);
  // The value itself is secret: name the parameter and the rule, never echo it.
  if (!result.success) throw new SecretsError(`${name} in Parameter Store ${result.error.issues[0]?.message ?? 'is not valid'}`);
  return result.data;
}
