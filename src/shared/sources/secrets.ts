// The write-only secrets a source may have. They go to the secret store and never travel back: the input
// carries their values, the view only whether each is stored (hasPassword, hasToken, hasTlsKey).
import { z } from 'zod';

export const SECRET_FIELDS = ['password', 'token', 'tlsKey'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];
/** A source's secrets by field; absent when not stored (or, in an input, left as they are). */
export type SecretValues = Partial<Record<SecretField, string>>;

const MAX_CHARS: Record<SecretField, number> = { password: 1024, token: 8192, tlsKey: 256 * 1024 };

/** The view's flag for a secret: `token` -> `hasToken`. */
export type SecretFlag = `has${Capitalize<SecretField>}`;
export type SecretFlags = Record<SecretFlag, boolean>;

function secretFlag<F extends SecretField>(field: F): `has${Capitalize<F>}` {
  return `has${field.charAt(0).toUpperCase()}${field.slice(1)}` as `has${Capitalize<F>}`;
}

/** Input fields; undefined keeps what is stored, '' removes it. */
export const secretInputs = Object.fromEntries(
  SECRET_FIELDS.map((field) => [field, z.string().max(MAX_CHARS[field]).optional()]),
) as { [F in SecretField]: z.ZodOptional<z.ZodString> };

/** View fields: which secrets are stored (their values never leave main). */
export const secretFlagFields = Object.fromEntries(SECRET_FIELDS.map((field) => [secretFlag(field), z.boolean()])) as {
  [F in SecretFlag]: z.ZodBoolean;
};

export function secretFlagsOf(secrets: SecretValues): SecretFlags {
  return Object.fromEntries(
    SECRET_FIELDS.map((field) => [secretFlag(field), secrets[field] !== undefined]),
  ) as SecretFlags;
}
