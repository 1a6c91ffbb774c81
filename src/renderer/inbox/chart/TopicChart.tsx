// The chart under a message whose body is a number, or JSON with numbers in it: the topic's recent values of
// the whole payload or of the field the user picks (remembered per source and topic in this browser profile).
import { useMemo, useState } from 'react';
import type { MessageDetail } from '../../../shared/model.ts';
import { useT } from '../../i18n/i18n.ts';
import { readStorage, writeStorage } from '../../preferences/stored-choice.ts';
import { useTopicValues } from './use-topic-values.ts';
import { chartablePaths, WHOLE } from './value-fields.ts';
import { ValueChart } from './ValueChart.tsx';
import './value-chart.css';

export function TopicChart({ detail }: { detail: MessageDetail }) {
  const paths = useMemo(() => chartablePaths(detail.body, detail.bodyKind), [detail.body, detail.bodyKind]);
  if (paths.length === 0) return null;
  // Keyed by topic: a field picked for one topic is not carried over to the next.
  return <Chart key={fieldKey(detail)} detail={detail} paths={paths} />;
}

/** Where the picked field of one source's topic is kept. */
function fieldKey(detail: MessageDetail): string {
  return `herald.chartField:${JSON.stringify([detail.sourceId, detail.topic])}`;
}

function Chart({ detail, paths }: { detail: MessageDetail; paths: string[] }) {
  const t = useT();
  const [picked, setPicked] = useState(() => readStorage(fieldKey(detail)));
  const path = picked !== null && paths.includes(picked) ? picked : paths[0]!;
  const load = useTopicValues(detail.sourceId, detail.topic, path, detail.id);
  const pick = (next: string) => {
    setPicked(next);
    writeStorage(fieldKey(detail), next);
  };

  return (
    <section className="topic-chart" aria-label={t('inbox.chart.title')}>
      <div className="topic-chart-head">
        <h3 className="topic-chart-title">{t('inbox.chart.title')}</h3>
        {paths[0] !== WHOLE && (
          <label className="topic-chart-field small">
            {t('inbox.chart.field')}{' '}
            <select value={path} onChange={(event) => pick(event.target.value)}>
              {paths.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {load.status === 'loaded' && <ValueChart topic={detail.topic} points={load.points} />}
      {load.status === 'failed' && (
        <p className="small muted" role="alert">
          {t('inbox.chart.failed', { error: load.error })}
        </p>
      )}
    </section>
  );
}
