// The broker's status, polled every 2 s while the page is shown (and once more after every change), with the
// last minute of samples kept for the rate chart.
import { useCallback, useEffect, useState } from 'react';
import type { BrokerStatus } from '../../shared/commands/broker.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useClient, useLinkStatus } from '../transport/connection-context.ts';
import { addSample, type Sample } from './rates.ts';

export const POLL_MS = 2_000;

export interface BrokerHandle {
  status: BrokerStatus | null;
  samples: Sample[];
  error: string | null;
  refresh(): void;
}

export function useBroker(active: boolean): BrokerHandle {
  const client = useClient();
  const { epoch } = useLinkStatus();
  const [status, setStatus] = useState<BrokerStatus | null>(null);
  const [samples, setSamples] = useState<Sample[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    if (!active || epoch === 0) return;
    let live = true;
    const poll = () =>
      client.invoke('broker.status', {}).then(
        (next) => {
          if (!live) return;
          setStatus(next);
          setSamples((current) => addSample(current, { at: next.at, in: next.messages.in, out: next.messages.out }));
          setError(null);
        },
        (err: unknown) => live && setError(errorMessage(err)),
      );
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client, active, epoch, tick]);

  return { status, samples, error, refresh };
}
