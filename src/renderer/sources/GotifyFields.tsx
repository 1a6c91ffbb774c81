// Gotify: a client token is all it takes (the server URL is the form's common field).
import { SecretField } from './fields.tsx';
import type { KindFieldsProps } from './kind-fields-props.ts';

export function GotifyFields({ values, errors, saved, idFor, set }: KindFieldsProps) {
  return (
    <SecretField
      id={idFor('token')}
      label="Client token"
      noun="client token"
      secret={values.token}
      saved={saved.hasToken}
      error={errors.token}
      hint="A client token (not an application token), from Gotify's Clients page."
      onChange={(v) => set('token', v)}
    />
  );
}
