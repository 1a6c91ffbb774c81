// A source that comes back to a long backlog says so while it drains ("catching up: 3,000 so far"), and the line
// goes away once everything is in; one summary of the whole backlog instead of a popup per message or burst.
import mqtt from 'mqtt';
import { afterEach, describe, expect, test } from 'vitest';
import { eventually, startTestCore, tempDir } from '../../../helpers/core.ts';
import { startMosquitto } from '../../../helpers/mosquitto.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('catching up after a reconnect', () => {
  test('the source view counts the backlog while it drains, then the count disappears', async () => {
    const broker = await startMosquitto();
    cleanups.push(broker.stop);
    const dir = tempDir();
    cleanups.push(dir.remove);
    const topic = 'backlog/x';
    const source = {
      kind: 'mqtt' as const,
      url: broker.url,
      clientId: 'catch-up-status',
      clean: false,
      topics: [{ filter: topic, qos: 1 as const }],
    };
    const options = { dataDir: dir.path, brokerPort: 'off' as const, extraSources: [source] };
    const first = await startTestCore(options);
    await eventually(
      'subscribed',
      () => first.core.getState().sources.find((s) => s.ephemeral)?.status.state === 'connected',
    );
    await first.stop();

    const backlog = 20_000;
    const publisher = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
    for (let i = 0; i < backlog; i++) publisher.publish(topic, JSON.stringify({ title: `queued ${i}` }), { qos: 1 });
    await publisher.publishAsync('other', 'flush', { qos: 1 });
    await publisher.endAsync();

    const t = await startTestCore(options);
    cleanups.push(t.stop);
    await eventually('drained', () => t.core.getState().total === backlog, 60_000);
    const counts = t
      .eventsOf('app.state')
      .map((state) => state.sources.find((s) => s.ephemeral)?.catchingUp)
      .filter((n) => n !== undefined);
    expect(counts.length).toBeGreaterThan(0);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.at(-1)).toBeLessThanOrEqual(backlog);
    await eventually(
      'the count gone',
      () =>
        t
          .eventsOf('app.state')
          .at(-1)
          ?.sources.find((s) => s.ephemeral)?.catchingUp === undefined,
    );
    // However long the drain took, it is told as one summary of the whole backlog.
    await eventually('the summary', () => t.eventsOf('notify').length > 0);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(t.eventsOf('notify').map((n) => n.count)).toEqual([backlog]);
  });
});
