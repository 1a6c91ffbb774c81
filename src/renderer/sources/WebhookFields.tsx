// Webhook: the token senders must present, who may post (this computer only unless opened) and how often.
import { CheckboxField, SecretField, TextField } from './fields.tsx';
import type { KindFieldsProps } from './kind-fields-props.ts';

export function WebhookFields({ values, errors, saved, idFor, set }: KindFieldsProps) {
  return (
    <>
      <SecretField
        id={idFor('token')}
        label="Token"
        noun="token"
        secret={values.token}
        saved={saved.hasToken}
        error={errors.token}
        hint="Senders put it in Authorization: Bearer TOKEN (or ?token=TOKEN). Use a long random one."
        onChange={(v) => set('token', v)}
      />
      <TextField
        id={idFor('per-minute')}
        label="Posts per minute"
        inputMode="numeric"
        value={values.perMinute}
        error={errors.perMinute}
        hint="More than this in a minute are refused (HTTP 429)."
        onChange={(v) => set('perMinute', v)}
      />
      <CheckboxField
        label="Accept posts from other computers"
        checked={values.allowRemote}
        hint="Off: only programs on this computer may post. Herald's web server must also listen beyond 127.0.0.1."
        onChange={(v) => set('allowRemote', v)}
      />
    </>
  );
}
