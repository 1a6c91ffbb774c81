// The core's events: a listener gets the payload of the one event it asked for; forwarders get every event.
import { expect, test } from 'vitest';
import { CoreEvents } from '../../../src/main/core/core-events.ts';

test('`on` delivers only its own event, `onAny` every event as (name, payload), and both unsubscribe', () => {
  const events = new CoreEvents();
  const opened: (number | undefined)[] = [];
  const all: string[] = [];
  const offOpened = events.on('ui.openMessage', (payload) => {
    opened.push(payload.id);
  });
  const offAll = events.onAny((...event) => {
    all.push(event[0]);
  });

  events.emit('ui.openMessage', { id: 7 });
  events.emit('notify', { title: 't', body: 'b', priority: 3, sourceId: 's', count: 1 });
  expect(opened).toEqual([7]);
  expect(all).toEqual(['ui.openMessage', 'notify']);

  offOpened();
  offAll();
  events.emit('ui.openMessage', { id: 8 });
  expect(opened).toEqual([7]);
  expect(all).toHaveLength(2);
  expect(events.listenerCount).toBe(0);
});
