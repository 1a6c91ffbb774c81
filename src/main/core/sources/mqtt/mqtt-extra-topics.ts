// Subscriptions a connection holds for the devices (discovery, device state), apart from the source's own: made
// once the source's subscriptions are up, and again for each batch of topics discovered while connected.
// A broker that refuses one (an ACL) costs that device's live state, not the source: it is logged, not shown
// as a source error.
import type { MqttClient } from 'mqtt';
import { logger } from '../../logging/logger.ts';
import type { ExtraTopics } from '../common/source.ts';

const log = logger('mqtt');
/** Topics per SUBSCRIBE packet: a flood of discovered entities is sent in a few packets of bounded size. */
const TOPICS_PER_PACKET = 500;

/** Subscribes the current extra topics and follows additions; returns the function that stops following. */
export function followExtraTopics(client: MqttClient, extras: ExtraTopics): () => void {
  let following = true;
  const subscribe = (topics: readonly string[]) => {
    for (let i = 0; i < topics.length; i += TOPICS_PER_PACKET) {
      const batch = Object.fromEntries(topics.slice(i, i + TOPICS_PER_PACKET).map((t) => [t, { qos: 0 as const }]));
      client.subscribe(batch, (err) => {
        if (err && following) log.debug(`device topics were not subscribed: ${err.message}`);
      });
    }
  };
  subscribe(extras.current());
  const stop = extras.listen((added) => {
    if (following && client.connected) subscribe(added);
  });
  return () => {
    following = false;
    stop();
  };
}
