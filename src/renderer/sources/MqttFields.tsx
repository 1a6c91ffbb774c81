// MQTT settings: credentials, client id, topics, protocol version, keepalive, a kept session, device discovery
// and TLS.
import { CheckboxField, SecretField, SelectField, TextField } from './fields.tsx';
import type { KindFieldsProps } from './kind-fields-props.ts';
import { TlsFields } from './TlsFields.tsx';
import { TopicRows } from './TopicRows.tsx';
import { useT } from '../i18n/i18n.ts';

const VERSIONS = [
  { value: 4, label: 'MQTT 3.1.1' },
  { value: 5, label: 'MQTT 5' },
] as const;

export function MqttFields(props: KindFieldsProps) {
  const { values, errors, saved, idFor, set } = props;
  const t = useT();
  return (
    <>
      <div className="field-pair">
        <TextField
          id={idFor('username')}
          label={t('sources.username')}
          value={values.username}
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
      <TextField
        id={idFor('client-id')}
        label={t('sources.mqtt.clientId')}
        value={values.clientId}
        error={errors.clientId}
        hint={values.keepSession ? t('sources.mqtt.clientIdKept') : t('sources.mqtt.clientIdRandom')}
        onChange={(v) => set('clientId', v)}
      />
      <TopicRows idPrefix={idFor('topic')} topics={values.topics} errors={errors} onChange={(v) => set('topics', v)} />
      <div className="field-pair">
        <SelectField
          id={idFor('protocol')}
          label={t('sources.mqtt.protocol')}
          value={values.protocolVersion}
          options={VERSIONS}
          onChange={(v) => set('protocolVersion', v)}
        />
        <TextField
          id={idFor('keepalive')}
          label={t('sources.mqtt.keepalive')}
          inputMode="numeric"
          value={values.keepalive}
          error={errors.keepalive}
          hint={t('sources.mqtt.keepaliveHint')}
          onChange={(v) => set('keepalive', v)}
        />
      </div>
      <CheckboxField
        label={t('sources.mqtt.keepSession')}
        checked={values.keepSession}
        hint={t('sources.mqtt.keepSessionHint')}
        onChange={(v) => set('keepSession', v)}
      />
      {values.keepSession && values.protocolVersion === 5 && (
        <TextField
          id={idFor('session-expiry')}
          label={t('sources.mqtt.sessionExpiry')}
          inputMode="numeric"
          value={values.sessionExpiry}
          error={errors.sessionExpiry}
          hint={t('sources.mqtt.sessionExpiryHint')}
          onChange={(v) => set('sessionExpiry', v)}
        />
      )}
      {values.keepSession && values.protocolVersion === 4 && <p className="hint">{t('sources.mqtt.noExpiry')}</p>}
      <CheckboxField
        label={t('sources.mqtt.homeAssistant')}
        checked={values.discovery.homeAssistant}
        hint={t('sources.mqtt.homeAssistantHint', { prefix: values.discovery.prefix })}
        onChange={(v) => set('discovery', { ...values.discovery, homeAssistant: v })}
      />
      {values.discovery.homeAssistant && (
        <TextField
          id={idFor('discovery-prefix')}
          label={t('sources.mqtt.discoveryPrefix')}
          value={values.discovery.prefix}
          onChange={(v) => set('discovery', { ...values.discovery, prefix: v })}
        />
      )}
      <CheckboxField
        label={t('sources.mqtt.zigbee2mqtt')}
        checked={values.discovery.zigbee2mqtt}
        hint={t('sources.mqtt.zigbee2mqttHint', { topic: values.discovery.baseTopic })}
        onChange={(v) => set('discovery', { ...values.discovery, zigbee2mqtt: v })}
      />
      {values.discovery.zigbee2mqtt && (
        <TextField
          id={idFor('discovery-base-topic')}
          label={t('sources.mqtt.baseTopic')}
          value={values.discovery.baseTopic}
          onChange={(v) => set('discovery', { ...values.discovery, baseTopic: v })}
        />
      )}
      <TlsFields {...props} />
    </>
  );
}
