/**
 * The acknowledge links' signing secret (shared/workspace/ack-link.ts): a SecureString in SSM
 * Parameter Store in AWS (read by the alerter, which signs, and the review API, which checks), a
 * file in the data dir on a laptop (infra/local/runtime.ts makes it on first start, readable by
 * this user only), as the other local secrets are kept. Base64url text of 32 random bytes.
 */
import { readFileSync } from 'node:fs';
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { ACK_SECRET_BYTES } from '../../workspace/ack-link.js';

function decode(text: string, where: string): Buffer {
  const secret = Buffer.from(text.trim(), 'base64url');
  if (secret.length < ACK_SECRET_BYTES) throw new Error(`The acknowledge-link secret in ${where} is shorter than ${ACK_SECRET_BYTES} bytes.`);
  return secret;
}

export async function ssmAckSecret(client: SSMClient, name: string): Promise<Buffer> {
  const out = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
  const value = out.Parameter?.Value;
  if (!value) throw new Error(`The acknowledge-link secret ${name} is missing from Parameter Store (run "despatch secrets push").`);
  return decode(value, name);
}

export function fileAckSecret(path: string): Buffer {
  return decode(readFileSync(path, 'utf8'), path);
}
