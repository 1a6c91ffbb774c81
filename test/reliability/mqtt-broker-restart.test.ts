// Mosquitto restarted while QoS 2 messages wait for Herald's PUBCOMP (each commit takes 20 ms, so PUBCOMPs lag
// behind). Nothing may be lost. A second copy may only come from the broker breaking the QoS 2 handshake:
// Mosquitto 2.0.11 (Debian 12) restores a client's messages that wait for PUBCOMP only partly and sends the
// others again as PUBLISH after it had sent PUBREL for them (forbidden by MQTT §4.3.3). Its packet log says
// how many it re-sent; Herald must not add a single copy beyond those (with a broker that keeps the
// handshake, that is zero).
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { eventually, tempDir } from '../helpers/core.ts';
import { mosquittoPub } from '../helpers/mosquitto.ts';
import { PersistentMosquitto } from './helpers/brokers.ts';
import { publishesResentAfterPubrel } from './helpers/mosquitto-log.ts';
import { mqttConfig, startSource } from './helpers/source-harness.ts';

const COUNT = 600;
let broker: PersistentMosquitto;
beforeAll(async () => {
  broker = new PersistentMosquitto([], { logPackets: true });
  await broker.start();
});
afterAll(() => broker.remove());

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('broker restart with QoS 2 messages waiting for PUBCOMP', () => {
  for (const protocolVersion of [4, 5] as const) {
    test(`MQTT ${protocolVersion === 5 ? '5' : '3.1.1'}: nothing lost, and no copy beyond what the broker sent again after PUBREL`, async () => {
      const dir = tempDir();
      cleanups.push(dir.remove);
      const clientId = `herald-restart-${protocolVersion}`;
      let slow = true;
      const h = startSource(
        mqttConfig({
          url: broker.url,
          clientId,
          clean: false,
          protocolVersion,
          sessionExpiry: 600,
          topics: [{ filter: 'restart/#', qos: 2 }],
        }),
        {
          dataDir: dir.path,
          // Until the restart each commit takes 20 ms (a busy disk).
          sink: async (message, commit) => {
            if (slow) await new Promise((r) => setTimeout(r, 20));
            return commit(message);
          },
        },
      );
      cleanups.push(h.stop);
      await eventually('connected', () => h.source.status.state === 'connected');
      await mosquittoPub(
        broker.port,
        'restart/x',
        Array.from({ length: COUNT }, (_, n) => String(n)),
        2,
      );
      await eventually('a part stored', () => h.rows().length >= 50);
      const storedBefore = h.rows().length;

      await broker.restart();
      slow = false;
      await eventually('all stored', () => new Set(h.rows().map((r) => r.body)).size === COUNT, 10_000);
      // On a busy machine the broker's re-sent copies may still be on their way: wait for them (bounded), then
      // give any further copy Herald might add a moment to show up.
      const copiesNow = () => h.rows().length - COUNT;
      await eventually(
        'the copies the broker re-sent have arrived',
        () => copiesNow() >= publishesResentAfterPubrel(broker.log, clientId),
        5_000,
      ).catch(() => {});
      await new Promise((r) => setTimeout(r, 500));
      // Mosquitto's log can lag behind what it sent on a busy machine: let it account for the copies (bounded).
      const copiesOfRows = () => h.rows().length - new Set(h.rows().map((r) => r.body)).size;
      await eventually(
        'the broker log to account for the copies',
        () => publishesResentAfterPubrel(broker.log, clientId) >= copiesOfRows(),
        5_000,
      ).catch(() => {});

      const numbers = h.rows().map((r) => Number(r.body));
      const copies = numbers.length - new Set(numbers).size;
      const resentByBroker = publishesResentAfterPubrel(broker.log, clientId);
      console.log(
        `MQTT ${protocolVersion}: ${storedBefore} of ${COUNT} stored before the restart; Mosquitto re-sent ${resentByBroker} ` +
          `PUBLISH packets after PUBREL; second copies in the inbox: ${copies}`,
      );
      expect(storedBefore).toBeLessThan(COUNT);
      expect(new Set(numbers).size).toBe(COUNT);
      // Every second copy is one the broker sent again. Not every re-sent PUBLISH makes a copy: one whose first
      // delivery was still on its way to the inbox when the broker went down is stored once.
      expect(copies).toBeLessThanOrEqual(resentByBroker);
    });
  }
});
