// QoS and retain, as the Publish panel and the saved-button form both ask for them. Both only mean something
// for MQTT sources, so they are disabled for the others.
import { useT } from '../i18n/i18n.ts';

interface QosRetainFieldsProps {
  id: string;
  isMqtt: boolean;
  qos: 0 | 1 | 2;
  retain: boolean;
  onQos: (qos: 0 | 1 | 2) => void;
  onRetain: (retain: boolean) => void;
}

export function QosRetainFields({ id, isMqtt, qos, retain, onQos, onRetain }: QosRetainFieldsProps) {
  const t = useT();
  return (
    <>
      <label htmlFor={`${id}-qos`}>{t('publish.qos')}</label>
      <select
        id={`${id}-qos`}
        value={qos}
        disabled={!isMqtt}
        onChange={(e) => onQos(Number(e.target.value) as 0 | 1 | 2)}
      >
        <option value={0}>{t('publish.qos0')}</option>
        <option value={1}>{t('publish.qos1')}</option>
        <option value={2}>{t('publish.qos2')}</option>
      </select>
      <label className="checkbox">
        <input type="checkbox" checked={retain} disabled={!isMqtt} onChange={(e) => onRetain(e.target.checked)} />
        {t('publish.retain')}
      </label>
    </>
  );
}
