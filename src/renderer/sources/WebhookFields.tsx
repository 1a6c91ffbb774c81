// Webhook: the token senders must present, who may post (this computer only unless opened) and how often.
import { CheckboxField, SecretField, TextField } from './fields.tsx';
import type { KindFieldsProps } from './kind-fields-props.ts';
import { useT } from '../i18n/i18n.ts';

export function WebhookFields({ values, errors, saved, idFor, set }: KindFieldsProps) {
  const t = useT();
  return (
    <>
      <SecretField
        id={idFor('token')}
        label={t('sources.token')}
        noun={t('sources.noun.token')}
        secret={values.token}
        saved={saved.hasToken}
        error={errors.token}
        hint={t('sources.webhook.tokenHint')}
        onChange={(v) => set('token', v)}
      />
      <TextField
        id={idFor('per-minute')}
        label={t('sources.webhook.perMinute')}
        inputMode="numeric"
        value={values.perMinute}
        error={errors.perMinute}
        hint={t('sources.webhook.perMinuteHint')}
        onChange={(v) => set('perMinute', v)}
      />
      <CheckboxField
        label={t('sources.webhook.allowRemote')}
        checked={values.allowRemote}
        hint={t('sources.webhook.allowRemoteHint')}
        onChange={(v) => set('allowRemote', v)}
      />
    </>
  );
}
