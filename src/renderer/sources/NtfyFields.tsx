// ntfy: the topics to follow on one server, and how to sign in (Basic with a username and password, or an
// access token sent as Bearer).
import { SecretField, SelectField, TextField } from './fields.tsx';
import type { NtfyAuth } from './form-values.ts';
import type { KindFieldsProps } from './kind-fields-props.ts';
import { NtfyTopicRows } from './NtfyTopicRows.tsx';
import type { MessageKey } from '../i18n/i18n.ts';
import { useT } from '../i18n/i18n.ts';

const AUTH_OPTIONS: readonly { value: NtfyAuth; label: MessageKey }[] = [
  { value: 'none', label: 'sources.ntfy.authNone' },
  { value: 'password', label: 'sources.ntfy.authPassword' },
  { value: 'token', label: 'sources.ntfy.authToken' },
];

export function NtfyFields({ values, errors, saved, idFor, set }: KindFieldsProps) {
  const t = useT();
  return (
    <>
      <NtfyTopicRows
        idPrefix={idFor('ntfy-topic')}
        topics={values.ntfyTopics}
        errors={errors}
        onChange={(v) => set('ntfyTopics', v)}
      />
      <SelectField
        id={idFor('ntfy-auth')}
        label={t('sources.ntfy.signIn')}
        value={values.ntfyAuth}
        options={AUTH_OPTIONS.map((option) => ({ value: option.value, label: t(option.label) }))}
        hint={
          values.ntfyAuth === 'none' && (saved.hasPassword || saved.hasToken)
            ? t('sources.ntfy.dropCredentials')
            : undefined
        }
        onChange={(v) => set('ntfyAuth', v)}
      />
      {values.ntfyAuth === 'password' && (
        <div className="field-pair">
          <TextField
            id={idFor('username')}
            label={t('sources.username')}
            value={values.username}
            error={errors.username}
            onChange={(v) => set('username', v)}
          />
          <SecretField
            id={idFor('password')}
            label={t('sources.password')}
            noun={t('sources.noun.password')}
            secret={values.password}
            saved={saved.hasPassword}
            error={errors.password}
            onChange={(v) => set('password', v)}
          />
        </div>
      )}
      {values.ntfyAuth === 'token' && (
        <SecretField
          id={idFor('token')}
          label={t('sources.ntfy.authToken')}
          noun={t('sources.ntfy.tokenNoun')}
          placeholder="tk_…"
          secret={values.token}
          saved={saved.hasToken}
          error={errors.token}
          onChange={(v) => set('token', v)}
        />
      )}
    </>
  );
}
