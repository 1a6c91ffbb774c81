// Authentication and subscription against an MQTT broker: CONNACK says whether the credentials are accepted,
// SUBACK whether each topic filter may be read. The test connects with a clean session and a client id of its
// own, so it never takes over the session (or kicks the live connection) of the source being tested.
import { randomBytes } from 'node:crypto';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { SourceSettingsOf } from '../../../shared/sources.ts';
import type { SecretValues } from '../../../shared/sources.ts';
import { describeConnack, describeMqttError, describeRefusedSubscriptions } from '../sources/mqtt/mqtt-errors.ts';
import { mqttClientOptions, MqttSettingsError } from '../sources/mqtt/mqtt-options.ts';
import { StepFailure } from './network-steps.ts';

export type MqttTestSettings = SourceSettingsOf<'mqtt'>;

/** The options the test client uses; throws StepFailure for settings no connection can fix (an unreadable CA). */
export function mqttTestOptions(settings: MqttTestSettings, secrets: SecretValues, timeoutMs: number): IClientOptions {
  const clientId = `herald-test-${randomBytes(4).toString('hex')}`;
  try {
    const options = mqttClientOptions(
      { ...settings, id: 'connection-test', embedded: false },
      secrets,
      clientId,
      timeoutMs,
    );
    return { ...options, clean: true, properties: undefined };
  } catch (err) {
    if (err instanceof MqttSettingsError) throw new StepFailure(err.message);
    throw err;
  }
}

/** Connects and waits for CONNACK; resolves with the connected client (the caller ends it). */
export function authenticate(
  settings: MqttTestSettings,
  options: IClientOptions,
  timeoutMs: number,
): Promise<{ client: MqttClient; detail: string }> {
  const client = mqtt.connect(settings.url, { ...options, manualConnect: true });
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      client.end(true);
      reject(new StepFailure(reason));
    };
    const timer = setTimeout(() => fail(`the broker did not answer CONNECT within ${timeoutMs} ms`), timeoutMs);
    let firstError: string | undefined;
    client.on('error', (err: Error & { code?: string | number }) => {
      if (typeof err.code === 'number') return fail(describeConnack(err.code, settings.protocolVersion).reason);
      firstError ??= describeMqttError(err, settings.url, timeoutMs, settings.keepalive);
    });
    client.once('close', () => fail(firstError ?? 'the broker closed the connection without answering CONNECT'));
    client.once('connect', () => {
      clearTimeout(timer);
      client.removeAllListeners('close');
      const who = settings.username ? `as user "${settings.username}"` : 'without a user name';
      resolve({
        client,
        detail: `the broker accepted the connection ${who} (MQTT ${settings.protocolVersion === 5 ? '5' : '3.1.1'})`,
      });
    });
    client.connect();
  });
}

/** Subscribes to every topic filter and reads the SUBACK; the clean session drops them when the test ends. */
export function subscribe(client: MqttClient, settings: MqttTestSettings, timeoutMs: number): Promise<string> {
  const wanted = Object.fromEntries(settings.topics.map((t) => [t.filter, { qos: t.qos }]));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new StepFailure(`the broker did not answer SUBSCRIBE within ${timeoutMs} ms`)),
      timeoutMs,
    );
    client.subscribe(wanted, (err, granted, packet?: { granted?: (number | object)[] }) => {
      clearTimeout(timer);
      const codes = packet?.granted;
      if (err && !codes) return reject(new StepFailure(`subscribing failed: ${err.message}`));
      // SUBACK lists one code per filter, in the order they were sent.
      const refused = Object.keys(wanted).flatMap((filter, i) => {
        const code = typeof codes?.[i] === 'number' ? codes[i] : (granted?.[i]?.qos ?? 0);
        return code >= 0x80 ? [{ filter, code }] : [];
      });
      if (refused.length) return reject(new StepFailure(describeRefusedSubscriptions(refused)));
      resolve(`the broker granted ${Object.keys(wanted).join(', ')}`);
    });
  });
}
