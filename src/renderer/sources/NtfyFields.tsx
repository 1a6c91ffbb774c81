// ntfy: the topics to follow on one server, and how to sign in (Basic with a username and password, or an
// access token sent as Bearer).
import { SecretField, SelectField, TextField } from './fields.tsx';
import type { NtfyAuth } from './form-values.ts';
import type { KindFieldsProps } from './kind-fields-props.ts';
import { NtfyTopicRows } from './NtfyTopicRows.tsx';

const AUTH_OPTIONS: readonly { value: NtfyAuth; label: string }[] = [
  { value: 'none', label: 'None (public topics)' },
  { value: 'password', label: 'Username and password' },
  { value: 'token', label: 'Access token' },
];

export function NtfyFields({ values, errors, saved, idFor, set }: KindFieldsProps) {
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
        label="Sign in"
        value={values.ntfyAuth}
        options={AUTH_OPTIONS}
        hint={
          values.ntfyAuth === 'none' && (saved.hasPassword || saved.hasToken)
            ? 'Saving removes the saved credentials.'
            : undefined
        }
        onChange={(v) => set('ntfyAuth', v)}
      />
      {values.ntfyAuth === 'password' && (
        <div className="field-pair">
          <TextField
            id={idFor('username')}
            label="Username"
            value={values.username}
            error={errors.username}
            onChange={(v) => set('username', v)}
          />
          <SecretField
            id={idFor('password')}
            label="Password"
            noun="password"
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
          label="Access token"
          noun="access token"
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
