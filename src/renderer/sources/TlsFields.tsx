// TLS for mqtts:// and wss:// brokers: the CA to trust, a client certificate and its key (a write-only
// secret), the server name, and the dangerous "accept anything" switch, which says plainly what it costs.
import { useState } from 'react';
import { CheckboxField, SecretField, TextAreaField, TextField } from './fields.tsx';
import { usesTls } from './form-values.ts';
import type { KindFieldsProps } from './kind-fields-props.ts';

const PEM_HINT = 'Paste the PEM text (-----BEGIN CERTIFICATE-----…) or give the path of a .pem file.';

export function TlsFields({ values, errors, saved, idFor, set }: KindFieldsProps) {
  const [open, setOpen] = useState(() => usesTls(values) || saved.hasTlsKey);
  const hasError = Object.keys(errors).some((key) => key.startsWith('tls'));
  const plainUrl = /^(mqtt|ws):/i.test(values.url.trim());
  return (
    <details className="tls" open={open || hasError} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>TLS</summary>
      <div className="details-body">
        {plainUrl && usesTls(values) && (
          <p className="hint">These settings are used with mqtts:// and wss:// URLs; this URL connects without TLS.</p>
        )}
        <TextAreaField
          id={idFor('tls-ca')}
          label="CA certificates"
          value={values.tlsCa}
          error={errors['tls.ca']}
          hint={`${PEM_HINT} Empty trusts the system's CAs.`}
          onChange={(v) => set('tlsCa', v)}
        />
        <TextAreaField
          id={idFor('tls-cert')}
          label="Client certificate"
          value={values.tlsCert}
          error={errors['tls.cert']}
          hint={PEM_HINT}
          onChange={(v) => set('tlsCert', v)}
        />
        <SecretField
          id={idFor('tls-key')}
          label="Client private key"
          noun="private key"
          multiline
          secret={values.tlsKey}
          saved={saved.hasTlsKey}
          error={errors.tlsKey}
          hint="PEM text; stored with the other secrets and never shown again."
          onChange={(v) => set('tlsKey', v)}
        />
        <TextField
          id={idFor('tls-servername')}
          label="Server name"
          value={values.tlsServername}
          error={errors['tls.servername']}
          hint="The name on the broker's certificate, when it differs from the URL's host."
          onChange={(v) => set('tlsServername', v)}
        />
        <CheckboxField
          label="Allow untrusted certificates"
          checked={values.tlsAllowUntrusted}
          onChange={(v) => set('tlsAllowUntrusted', v)}
        />
        {values.tlsAllowUntrusted && (
          <p className="warning" role="note">
            <strong>Not safe:</strong> Herald will accept any certificate, so anyone on the network path can read and
            change these messages. Use this only to test, and prefer adding the broker's CA above.
          </p>
        )}
      </div>
    </details>
  );
}
