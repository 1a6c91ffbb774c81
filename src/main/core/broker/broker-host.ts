// The embedded broker as the core runs it: started from the saved broker settings (with this run's command-line
// overrides), or not at all, in a worker thread of its own (worker/); what the UI shows about it; and where, and
// as whom, Herald's own default source dials it. A worker that dies is reported and started again.
import { join } from 'node:path';
import type { BrokerInfo } from '../../../shared/model.ts';
import type { BridgeStatus } from '../../../shared/bridge.ts';
import type { Settings } from '../settings/schema.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import { BROKER_STATE_FILE } from './broker-state-file.ts';
import { isLoopbackAddress } from './conformance.ts';
import { ensureSelfSignedCertificate } from './self-signed.ts';
import { BrokerConfigError, bindAddress, LOOPBACK, type RunningBroker } from './embedded-broker.ts';
import { startBrokerWorker } from './worker/worker-broker.ts';
import { logger } from '../logging/logger.ts';

export type BrokerSettings = Settings['broker'];

const RESTART_FIRST_MS = 100;
const RESTART_MAX_MS = 5_000;
/** A broker that ran this long before it died is started again after the shortest pause. */
const RESTART_RESET_AFTER_MS = 60_000;
const log = logger('broker');

export interface BrokerHostOptions {
  settings: BrokerSettings;
  password: string | undefined;
  /** The password for the upstream broker of the bridge (a secret, kept apart from the settings). */
  bridgePassword?: string;
  /** Overrides the saved port for this run; 'off' runs no broker. */
  portOverride?: number | 'off';
  /** The data dir: retained messages and persistent sessions are kept there across restarts. */
  dataDir?: string;
  /** Settings given for this run only (`herald serve --broker-host ...`); never saved. */
  overrides?: Partial<BrokerSettings>;
  /** The broker worker's entry where the host is bundled; the source file otherwise. */
  workerUrl?: URL;
  /** Told when the broker stopped on its own or came back (its address may have changed). */
  onChange?: () => void;
  /** Told when the bridge connected, lost its connection or failed (what the app state shows of it). */
  onBridgeChange?: () => void;
}

/** Where the embedded default source dials, with the internal user's credentials. */
export type EmbeddedTarget = { url: string; username?: string; password?: string } | { error: string };

export interface BrokerHost {
  /** What the UI shows: whether it runs, where, and what went wrong. */
  info(): BrokerInfo;
  url(): EmbeddedTarget;
  /** The broker itself while it runs (for the Broker page), else null. */
  running(): RunningBroker | null;
  close(): Promise<void>;
}

export async function startBrokerHost(options: BrokerHostOptions): Promise<BrokerHost> {
  const settings: BrokerSettings = { ...options.settings, ...definedOnly(options.overrides ?? {}) };
  const host = bindAddress(settings);
  const info: BrokerInfo = { enabled: false, running: false, host, port: null, lan: !isLoopbackAddress(host) };
  let broker: RunningBroker | null = null;
  let closed = false;
  let restartTimer: NodeJS.Timeout | undefined;
  let restartDelay = RESTART_FIRST_MS;
  let startedAt = 0;

  const launch = async () => {
    try {
      const selfSigned =
        settings.tlsSelfSigned && !settings.tlsCert && options.dataDir
          ? await ensureSelfSignedCertificate(options.dataDir)
          : {};
      const started = await startBrokerWorker(
        {
          ...settings,
          ...selfSigned,
          port: typeof options.portOverride === 'number' ? options.portOverride : settings.port,
          password: options.password,
          stateFile: options.dataDir && join(options.dataDir, BROKER_STATE_FILE),
          bridge: { ...settings.bridge, password: options.bridgePassword },
        },
        { workerUrl: options.workerUrl, onExit: died, onBridgeChange: bridgeChanged },
      );
      if (closed) return void (await started.close());
      broker = started;
      startedAt = Date.now();
      delete info.error;
      Object.assign(info, {
        running: true,
        port: broker.port,
        wsPort: broker.wsPort,
        wsPath: broker.wsPath,
        tls: broker.tls,
        tlsFingerprint: broker.tlsFingerprint,
        auth: broker.auth,
        warnings: broker.warnings,
      });
      if (broker.movedFromPort !== null) {
        info.error = `port ${broker.movedFromPort} was taken; the embedded broker listens on ${broker.port} instead`;
      }
    } catch (err) {
      if (err instanceof BrokerConfigError) info.refusal = err.message;
      info.error = `the embedded broker could not start: ${errorMessage(err)}`;
      throw err;
    }
  };

  /** The app state shows the bridge's state and error; its counters are read when the Broker page asks. */
  let bridgeShown = '';
  function bridgeChanged(status: BridgeStatus): void {
    const shown = `${status.state}\u0000${status.error ?? ''}`;
    if (shown === bridgeShown) return;
    bridgeShown = shown;
    options.onBridgeChange?.();
  }

  /** The worker stopped on its own: reported as not running, and started again after a growing pause. */
  function died(reason: string): void {
    broker = null;
    info.running = false;
    info.error = `the embedded broker stopped: ${reason}; starting it again`;
    log.error(info.error);
    // A broker that ran a while before it died starts again soon; one that keeps dying waits longer each time.
    if (Date.now() - startedAt > RESTART_RESET_AFTER_MS) restartDelay = RESTART_FIRST_MS;
    options.onChange?.();
    restartLater();
  }

  function restartLater(): void {
    const delay = restartDelay;
    restartDelay = Math.min(RESTART_MAX_MS, restartDelay * 2);
    restartTimer = setTimeout(() => {
      if (closed) return;
      launch().then(
        () => options.onChange?.(),
        (err: unknown) => {
          if (closed) return;
          options.onChange?.();
          // A port or file that is not there yet may be soon; a refused configuration stays refused.
          if (!(err instanceof BrokerConfigError)) restartLater();
        },
      );
    }, delay);
    restartTimer.unref();
  }

  if (options.portOverride !== 'off' && settings.enabled) {
    info.enabled = true;
    await launch().catch(() => undefined);
  }
  return {
    info: () => {
      const bridge = broker?.bridge();
      return { ...info, ...(broker ? { refused: broker.refused() } : {}), ...(bridge ? { bridge } : {}) };
    },
    url: () => {
      if (broker) return { url: `mqtt://${LOOPBACK}:${broker.internalPort}`, ...broker.internal };
      return {
        error: info.enabled
          ? (info.error ?? 'the embedded broker is not running')
          : 'the embedded broker is turned off',
      };
    },
    running: () => broker,
    close: async () => {
      closed = true;
      clearTimeout(restartTimer);
      const stopping = broker;
      broker = null;
      info.running = false;
      await stopping?.close();
    },
  };
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
