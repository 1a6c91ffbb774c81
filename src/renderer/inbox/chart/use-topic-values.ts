// Loads a topic's values for the chart up to the opened message (its own value last), so an older alert shows
// what led to it; again whenever another message is opened. Main reads them off the topic index: a chart never
// scans the inbox.
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../shared/error-message.ts';
import { useClient } from '../../transport/connection-context.ts';
import type { ChartPoint } from './value-fields.ts';

/** How many of the topic's messages (up to the opened one) a chart shows. */
export const CHART_MESSAGES = 200;

export type ValuesLoad =
  { status: 'loading' } | { status: 'loaded'; points: ChartPoint[] } | { status: 'failed'; error: string };

export function useTopicValues(sourceId: string, topic: string, path: string, openId: number): ValuesLoad {
  const client = useClient();
  const [load, setLoad] = useState<ValuesLoad>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    // `before` is exclusive: the opened message is the newest point.
    client.invoke('inbox.values', { sourceId, topic, path, limit: CHART_MESSAGES, before: openId + 1 }).then(
      ({ points }) => live && setLoad({ status: 'loaded', points }),
      (err: unknown) => live && setLoad({ status: 'failed', error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [client, sourceId, topic, path, openId]);
  return load;
}
