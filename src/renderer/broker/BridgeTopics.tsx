// The bridge's topic rows: a filter, which way it goes, its highest QoS and the prefixes on each side.
import { BRIDGE_DIRECTIONS, type BridgeDirection } from '../../shared/bridge.ts';
import { useT } from '../i18n/i18n.ts';

export interface TopicDraft {
  /** Stable across edits, so a row keeps its focus while others are removed. */
  key: number;
  filter: string;
  direction: BridgeDirection;
  qos: 0 | 1 | 2;
  localPrefix: string;
  remotePrefix: string;
}

export function BridgeTopics({ topics, onChange }: { topics: TopicDraft[]; onChange: (topics: TopicDraft[]) => void }) {
  const t = useT();
  const edit = (key: number, change: Partial<TopicDraft>) =>
    onChange(topics.map((topic) => (topic.key === key ? { ...topic, ...change } : topic)));
  const add = () =>
    onChange([
      ...topics,
      {
        key: Math.max(0, ...topics.map((topic) => topic.key)) + 1,
        filter: '',
        direction: 'both',
        qos: 1,
        localPrefix: '',
        remotePrefix: '',
      },
    ]);

  return (
    <fieldset className="bridge-topics">
      <legend>{t('bridge.topics')}</legend>
      {topics.length === 0 ? (
        <p className="broker-empty">{t('bridge.noTopics')}</p>
      ) : (
        <table className="broker-table">
          <thead>
            <tr>
              <th>{t('bridge.filter')}</th>
              <th>{t('bridge.direction')}</th>
              <th>{t('bridge.qos')}</th>
              <th>{t('bridge.localPrefix')}</th>
              <th>{t('bridge.remotePrefix')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {topics.map((topic) => (
              <tr key={topic.key}>
                <td>
                  <input
                    aria-label={t('bridge.filter')}
                    value={topic.filter}
                    placeholder="sensors/#"
                    onChange={(e) => edit(topic.key, { filter: e.target.value })}
                  />
                </td>
                <td>
                  <select
                    aria-label={t('bridge.direction')}
                    value={topic.direction}
                    onChange={(e) => edit(topic.key, { direction: e.target.value as BridgeDirection })}
                  >
                    {BRIDGE_DIRECTIONS.map((direction) => (
                      <option key={direction} value={direction}>
                        {t(`bridge.${direction}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select
                    aria-label={t('bridge.qos')}
                    value={topic.qos}
                    onChange={(e) => edit(topic.key, { qos: Number(e.target.value) as 0 | 1 | 2 })}
                  >
                    {[0, 1, 2].map((qos) => (
                      <option key={qos} value={qos}>
                        {qos}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    aria-label={t('bridge.localPrefix')}
                    value={topic.localPrefix}
                    onChange={(e) => edit(topic.key, { localPrefix: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={t('bridge.remotePrefix')}
                    value={topic.remotePrefix}
                    onChange={(e) => edit(topic.key, { remotePrefix: e.target.value })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    aria-label={t('bridge.removeTopic', { filter: topic.filter })}
                    onClick={() => onChange(topics.filter((other) => other.key !== topic.key))}
                  >
                    {t('bridge.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={add}>
        {t('bridge.addTopic')}
      </button>
    </fieldset>
  );
}
