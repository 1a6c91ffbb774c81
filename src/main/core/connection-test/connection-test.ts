// "Test connection": reaches a source's server step by step (DNS, TCP, TLS, authentication, subscription),
// timing each, and stops at the first that fails with its reason in plain words. It uses connections of its own
// and never touches the running source, so it can test a saved source, an edit not yet saved, or a URL typed
// on the command line.
import type { Socket } from 'node:net';
import type { IClientOptions } from 'mqtt';
import type { ConnectionStep, ConnectionStepName, ConnectionTestResult } from '../../../shared/connection-test.ts';
import type { SecretValues, SourceSettings } from '../../../shared/sources.ts';
import { httpSteps } from './http-steps.ts';
import { authenticate, mqttTestOptions, subscribe } from './mqtt-steps.ts';
import { handshake, openTcp, resolveHost, StepFailure } from './network-steps.ts';

/** Each step gives up after this long. */
export const DEFAULT_STEP_TIMEOUT_MS = 10_000;

export interface ConnectionTestTarget {
  settings: SourceSettings;
  secrets: SecretValues;
}

const DEFAULT_PORTS: Record<string, number> = {
  'mqtt:': 1883,
  'mqtts:': 8883,
  'ws:': 80,
  'wss:': 443,
  'http:': 80,
  'https:': 443,
};
const SECURE = new Set(['mqtts:', 'wss:', 'https:']);

/** Ends the run after a failed step: the steps so far are the result. */
class Stopped extends Error {}

class StepLog {
  readonly steps: ConnectionStep[] = [];

  async run<T>(step: ConnectionStepName, work: () => Promise<{ value: T; detail: string }>): Promise<T> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    try {
      const { value, detail } = await work();
      this.steps.push({ step, status: 'passed', ms: ms(), detail });
      return value;
    } catch (err) {
      // Anything not already put in words is still this step's failure, said as it came.
      const detail = err instanceof StepFailure ? err.message : `unexpected error: ${(err as Error).message}`;
      this.steps.push({ step, status: 'failed', ms: ms(), detail });
      throw new Stopped();
    }
  }

  skip(step: ConnectionStepName, detail: string): void {
    this.steps.push({ step, status: 'skipped', ms: 0, detail });
  }

  /** A step that fails before it starts (its settings are unusable). */
  fail(step: ConnectionStepName, detail: string): never {
    this.steps.push({ step, status: 'failed', ms: 0, detail });
    throw new Stopped();
  }
}

export async function testConnection(
  target: ConnectionTestTarget,
  options: { timeoutMs?: number } = {},
): Promise<ConnectionTestResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const log = new StepLog();
  try {
    await runSteps(target, timeoutMs, log);
  } catch (err) {
    if (!(err instanceof Stopped)) throw err;
  }
  return { ok: log.steps.every((step) => step.status !== 'failed'), steps: log.steps };
}

async function runSteps({ settings, secrets }: ConnectionTestTarget, timeoutMs: number, log: StepLog): Promise<void> {
  if (settings.kind === 'webhook') {
    log.skip('auth', 'a webhook waits for posts to Herald; there is nothing to connect to');
    return;
  }
  const url = new URL(settings.url);
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port) || DEFAULT_PORTS[url.protocol]!;
  // MQTT's TLS settings (CA, client certificate, server name) are read once, before anything is dialled.
  let mqttOptions: IClientOptions | undefined;
  try {
    if (settings.kind === 'mqtt') mqttOptions = mqttTestOptions(settings, secrets, timeoutMs);
  } catch (err) {
    if (err instanceof StepFailure) log.fail('tls', err.message);
    throw err;
  }

  const address = await log.run('dns', async () => {
    const found = await resolveHost(hostname);
    return { value: found, detail: found === hostname ? `${hostname} is an address` : `${hostname} is ${found}` };
  });
  const socket: Socket = await log.run('tcp', async () => ({
    value: await openTcp(address, port, timeoutMs),
    detail: `connected to port ${port}`,
  }));
  if (SECURE.has(url.protocol)) {
    const tls = settings.kind === 'mqtt' ? settings.tls : undefined;
    await log.run('tls', async () => ({
      value: undefined,
      detail: await handshake(
        socket,
        {
          servername: tls?.servername || hostname,
          ca: pemText(mqttOptions?.ca),
          cert: pemText(mqttOptions?.cert),
          key: pemText(mqttOptions?.key),
          allowUntrusted: tls?.allowUntrusted,
        },
        timeoutMs,
      ),
    }));
  } else {
    socket.destroy();
    log.skip('tls', `${url.protocol.replace(':', '://')} is not encrypted`);
  }
  socket.destroy();

  if (settings.kind !== 'mqtt') {
    await httpSteps(
      settings,
      secrets,
      timeoutMs,
      (step, work) => log.run(step, work),
      (step, detail) => log.skip(step, detail),
    );
    return;
  }
  const client = await log.run('auth', async () => {
    const connected = await authenticate(settings, mqttOptions!, timeoutMs);
    return { value: connected.client, detail: connected.detail };
  });
  try {
    if (settings.topics.length === 0) log.skip('subscribe', 'no topic given');
    else
      await log.run('subscribe', async () => ({
        value: undefined,
        detail: await subscribe(client, settings, timeoutMs),
      }));
  } finally {
    client.end(true);
  }
}

/** mqtt-options reads CA, certificate and key as PEM text; mqtt.js's types allow buffers and arrays too. */
function pemText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
