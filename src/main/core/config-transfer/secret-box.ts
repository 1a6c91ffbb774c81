// Secrets in an exported setup, sealed with a passphrase: scrypt derives the key (a random salt per export),
// AES-256-GCM encrypts and authenticates, so a wrong passphrase or an altered file is detected, never half-read.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { z } from 'zod';

/** scrypt's cost: N = 2^15, r = 8 (about 32 MB and a fraction of a second, once per export or import). */
const SCRYPT = { N: 32_768, r: 8, p: 1 } as const;
const SCRYPT_MAXMEM = 64 * 1024 * 1024;

export const SealedSecrets = z.object({
  kdf: z.literal('scrypt'),
  N: z.number().int().min(1024).max(1_048_576),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: z.base64(),
  cipher: z.literal('aes-256-gcm'),
  iv: z.base64(),
  tag: z.base64(),
  data: z.base64(),
});
export type SealedSecrets = z.infer<typeof SealedSecrets>;

/** The passphrase does not open the secrets (or the document was changed after export). */
export class WrongPassphraseError extends Error {
  constructor() {
    super('the passphrase is wrong, or the file was changed after it was exported; no secrets were read');
  }
}

export function seal(secrets: Record<string, string>, passphrase: string): SealedSecrets {
  if (passphrase === '') throw new Error('the passphrase is empty');
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = scryptSync(passphrase, salt, 32, { ...SCRYPT, maxmem: SCRYPT_MAXMEM });
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
  return {
    kdf: 'scrypt',
    ...SCRYPT,
    salt: salt.toString('base64'),
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

export function unseal(sealed: SealedSecrets, passphrase: string): Record<string, string> {
  const key = scryptSync(passphrase, Buffer.from(sealed.salt, 'base64'), 32, {
    N: sealed.N,
    r: sealed.r,
    p: sealed.p,
    maxmem: SCRYPT_MAXMEM,
  });
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  let text: string;
  try {
    text = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new WrongPassphraseError();
  }
  const parsed = z.record(z.string(), z.string()).safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error('the sealed secrets are not a list of secrets');
  return parsed.data;
}
