// Gotify: a client token is all it takes (the server URL is the form's common field).
import { SecretField } from './fields.tsx';
import type { KindFieldsProps } from './kind-fields-props.ts';
import { useT } from '../i18n/i18n.ts';

export function GotifyFields({ values, errors, saved, idFor, set }: KindFieldsProps) {
  const t = useT();
  return (
    <SecretField
      id={idFor('token')}
      label={t('sources.gotify.token')}
      noun={t('sources.gotify.tokenNoun')}
      secret={values.token}
      saved={saved.hasToken}
      error={errors.token}
      hint={t('sources.gotify.tokenHint')}
      onChange={(v) => set('token', v)}
    />
  );
}
