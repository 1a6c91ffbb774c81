// TLS for mqtts:// and wss:// brokers: the CA to trust, a client certificate and its key (a write-only
// secret), the server name, and the dangerous "accept anything" switch, which says plainly what it costs.
import { useState } from 'react';
import { CheckboxField, SecretField, TextAreaField, TextField } from './fields.tsx';
import { usesTls } from './form-values.ts';
import type { KindFieldsProps } from './kind-fields-props.ts';
import { useT } from '../i18n/i18n.ts';

export function TlsFields({ values, errors, saved, idFor, set }: KindFieldsProps) {
  const t = useT();
  const pemHint = t('sources.tls.pemHint');
  const [open, setOpen] = useState(() => usesTls(values) || saved.hasTlsKey);
  const hasError = Object.keys(errors).some((key) => key.startsWith('tls'));
  const plainUrl = /^(mqtt|ws):/i.test(values.url.trim());
  return (
    <details className="tls" open={open || hasError} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>TLS</summary>
      <div className="details-body">
        {plainUrl && usesTls(values) && <p className="hint">{t('sources.tls.plainUrl')}</p>}
        <TextAreaField
          id={idFor('tls-ca')}
          label={t('sources.tls.ca')}
          value={values.tlsCa}
          error={errors['tls.ca']}
          hint={`${pemHint} ${t('sources.tls.caHint')}`}
          onChange={(v) => set('tlsCa', v)}
        />
        <TextAreaField
          id={idFor('tls-cert')}
          label={t('sources.tls.cert')}
          value={values.tlsCert}
          error={errors['tls.cert']}
          hint={pemHint}
          onChange={(v) => set('tlsCert', v)}
        />
        <SecretField
          id={idFor('tls-key')}
          label={t('sources.tls.key')}
          noun={t('sources.tls.keyNoun')}
          multiline
          secret={values.tlsKey}
          saved={saved.hasTlsKey}
          error={errors.tlsKey}
          hint={t('sources.tls.keyHint')}
          onChange={(v) => set('tlsKey', v)}
        />
        <TextField
          id={idFor('tls-servername')}
          label={t('sources.tls.servername')}
          value={values.tlsServername}
          error={errors['tls.servername']}
          hint={t('sources.tls.servernameHint')}
          onChange={(v) => set('tlsServername', v)}
        />
        <CheckboxField
          label={t('sources.tls.untrusted')}
          checked={values.tlsAllowUntrusted}
          onChange={(v) => set('tlsAllowUntrusted', v)}
        />
        {values.tlsAllowUntrusted && (
          <p className="warning" role="note">
            <strong>{t('sources.tls.notSafe')}</strong> {t('sources.tls.warning')}
          </p>
        )}
      </div>
    </details>
  );
}
