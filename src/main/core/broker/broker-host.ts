// The embedded broker as the core runs it: started from the saved broker settings (with this run's command-line
// overrides), or not at all; what the UI shows about it; and where, and as whom, Herald's own default source
// dials it.
import { join } from 'node:path';
import type { BrokerInfo } from '../../../shared/model.ts';
import type { Settings } from '../settings/schema.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import { BROKER_STATE_FILE } from './broker-state-file.ts';
import { isLoopbackAddress } from './conformance.ts';
import { ensureSelfSignedCertificate } from './self-signed.ts';
import {
  BrokerConfigError,
  bindAddress,
  LOOPBACK,
  startEmbeddedBroker,
  type RunningBroker,
} from './embedded-broker.ts';

export type BrokerSettings = Settings['broker'];

export interface BrokerHostOptions {
  settings: BrokerSettings;
  password: string | undefined;
  /** Overrides the saved port for this run; 'off' runs no broker. */
  portOverride?: number | 'off';
  /** The data dir: retained messages and persistent sessions are kept there across restarts. */
  dataDir?: string;
  /** Settings given for this run only (`herald serve --broker-host ...`); never saved. */
  overrides?: Partial<BrokerSettings>;
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
  if (options.portOverride !== 'off' && settings.enabled) {
    info.enabled = true;
    try {
      const selfSigned =
        settings.tlsSelfSigned && !settings.tlsCert && options.dataDir
          ? await ensureSelfSignedCertificate(options.dataDir)
          : {};
      broker = await startEmbeddedBroker({
        ...settings,
        ...selfSigned,
        port: typeof options.portOverride === 'number' ? options.portOverride : settings.port,
        password: options.password,
        stateFile: options.dataDir && join(options.dataDir, BROKER_STATE_FILE),
      });
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
    }
  }
  return {
    info: () => ({ ...info, ...(broker ? { refused: broker.refused() } : {}) }),
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
      await broker?.close();
    },
  };
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
