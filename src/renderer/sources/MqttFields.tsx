// MQTT settings: credentials, client id, topics, protocol version, keepalive, a kept session, device discovery
// and TLS.
import { CheckboxField, SecretField, SelectField, TextField } from './fields.tsx';
import type { KindFieldsProps } from './kind-fields-props.ts';
import { TlsFields } from './TlsFields.tsx';
import { TopicRows } from './TopicRows.tsx';

const VERSIONS = [
  { value: 4, label: 'MQTT 3.1.1' },
  { value: 5, label: 'MQTT 5' },
] as const;

export function MqttFields(props: KindFieldsProps) {
  const { values, errors, saved, idFor, set } = props;
  return (
    <>
      <div className="field-pair">
        <TextField
          id={idFor('username')}
          label="Username"
          value={values.username}
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
      <TextField
        id={idFor('client-id')}
        label="Client ID"
        value={values.clientId}
        error={errors.clientId}
        hint={
          values.keepSession
            ? 'Keep it fixed: the broker finds the kept session by this id.'
            : 'Optional; a random one is used when empty.'
        }
        onChange={(v) => set('clientId', v)}
      />
      <TopicRows idPrefix={idFor('topic')} topics={values.topics} errors={errors} onChange={(v) => set('topics', v)} />
      <div className="field-pair">
        <SelectField
          id={idFor('protocol')}
          label="Protocol version"
          value={values.protocolVersion}
          options={VERSIONS}
          onChange={(v) => set('protocolVersion', v)}
        />
        <TextField
          id={idFor('keepalive')}
          label="Keepalive (seconds)"
          inputMode="numeric"
          value={values.keepalive}
          error={errors.keepalive}
          hint="A dead connection is noticed within 1.5× this."
          onChange={(v) => set('keepalive', v)}
        />
      </div>
      <CheckboxField
        label="Keep session (clean start off)"
        checked={values.keepSession}
        hint="The broker holds messages for Herald while it is away (subscriptions with QoS above 0) and delivers them when it is back."
        onChange={(v) => set('keepSession', v)}
      />
      {values.keepSession && values.protocolVersion === 5 && (
        <TextField
          id={idFor('session-expiry')}
          label="Session expiry (seconds)"
          inputMode="numeric"
          value={values.sessionExpiry}
          error={errors.sessionExpiry}
          hint="How long the broker keeps the session while Herald is away; 86400 is a day."
          onChange={(v) => set('sessionExpiry', v)}
        />
      )}
      {values.keepSession && values.protocolVersion === 4 && (
        <p className="hint">MQTT 3.1.1 has no session expiry: the broker keeps the session until its own limit.</p>
      )}
      <CheckboxField
        label="Home Assistant devices (MQTT discovery)"
        checked={values.discovery.homeAssistant}
        hint={`Lists what is announced under ${values.discovery.prefix}/ on the Devices page; device state stays out of the inbox.`}
        onChange={(v) => set('discovery', { ...values.discovery, homeAssistant: v })}
      />
      {values.discovery.homeAssistant && (
        <TextField
          id={idFor('discovery-prefix')}
          label="Discovery prefix"
          value={values.discovery.prefix}
          onChange={(v) => set('discovery', { ...values.discovery, prefix: v })}
        />
      )}
      <CheckboxField
        label="Zigbee2MQTT devices"
        checked={values.discovery.zigbee2mqtt}
        hint={`Lists the devices of ${values.discovery.baseTopic}/bridge/devices on the Devices page.`}
        onChange={(v) => set('discovery', { ...values.discovery, zigbee2mqtt: v })}
      />
      {values.discovery.zigbee2mqtt && (
        <TextField
          id={idFor('discovery-base-topic')}
          label="Zigbee2MQTT base topic"
          value={values.discovery.baseTopic}
          onChange={(v) => set('discovery', { ...values.discovery, baseTopic: v })}
        />
      )}
      <TlsFields {...props} />
    </>
  );
}
