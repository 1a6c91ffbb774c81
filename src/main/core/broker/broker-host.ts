// The embedded broker as the core runs it: started from the saved broker settings (or not at all), with what
// the UI shows about it, and where the default source should dial.
import type { BrokerInfo } from '../../../shared/model.ts';
import type { Settings } from '../settings/schema.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import { LOOPBACK, startEmbeddedBroker, type RunningBroker } from './embedded-broker.ts';

export interface BrokerHostOptions {
  settings: Settings['broker'];
  password: string | undefined;
  /** Overrides the saved port for this run; 'off' runs no broker. */
  portOverride?: number | 'off';
}

export interface BrokerHost {
  /** What the UI shows: whether it runs, where, and what went wrong. */
  info(): BrokerInfo;
  /** Where the embedded default source dials, or why it cannot. */
  url(): { url: string } | { error: string };
  close(): Promise<void>;
}

export async function startBrokerHost(options: BrokerHostOptions): Promise<BrokerHost> {
  const info: BrokerInfo = { enabled: false, running: false, host: LOOPBACK, port: null, lan: false };
  let broker: RunningBroker | null = null;
  if (options.portOverride !== 'off' && options.settings.enabled) {
    info.enabled = true;
    info.lan = options.settings.lan;
    try {
      broker = await startEmbeddedBroker({
        port: typeof options.portOverride === 'number' ? options.portOverride : options.settings.port,
        lan: options.settings.lan,
        username: options.settings.username,
        password: options.password,
      });
      Object.assign(info, { running: true, host: broker.host, port: broker.port });
      if (broker.movedFromPort !== null) {
        info.error = `port ${broker.movedFromPort} was taken; the embedded broker listens on ${broker.port} instead`;
      }
    } catch (err) {
      info.error = `the embedded broker could not start: ${errorMessage(err)}`;
    }
  }
  return {
    info: () => ({ ...info }),
    url: () => {
      if (broker) return { url: `mqtt://${LOOPBACK}:${broker.port}` };
      return {
        error: info.enabled
          ? (info.error ?? 'the embedded broker is not running')
          : 'the embedded broker is turned off',
      };
    },
    close: async () => {
      await broker?.close();
    },
  };
}
