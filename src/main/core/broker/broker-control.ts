// The embedded broker as something the Broker page can change: it runs from the saved settings (plus this run's
// command-line overrides) and is restarted with new ones. Users and ACLs live in Mosquitto's files; when the
// settings name none, Herald keeps them in the data dir and points the broker at them.
import { join } from 'node:path';
import type { BrokerInfo } from '../../../shared/model.ts';
import { startBrokerHost, type BrokerHost, type BrokerHostOptions, type BrokerSettings } from './broker-host.ts';
import type { RunningBroker } from './embedded-broker.ts';

export const DEFAULT_PASSWORD_FILE = 'broker-passwords';
export const DEFAULT_ACL_FILE = 'broker-acl';

/** Where the broker reads users and ACLs with these settings: the files they name, else the data dir's. */
export function brokerFilePaths(
  settings: Pick<BrokerSettings, 'passwordFile' | 'aclFile'>,
  dataDir: string,
): { passwordFile: string; aclFile: string } {
  return {
    passwordFile: settings.passwordFile ?? join(dataDir, DEFAULT_PASSWORD_FILE),
    aclFile: settings.aclFile ?? join(dataDir, DEFAULT_ACL_FILE),
  };
}

export interface BrokerControlOptions extends Omit<BrokerHostOptions, 'password' | 'bridgePassword' | 'dataDir'> {
  dataDir: string;
  /** The configured user's password, read at each start (it is a secret, kept apart from the settings). */
  password: () => string | undefined;
  /** The bridge's password for the upstream broker, read at each start. */
  bridgePassword?: () => string | undefined;
}

export interface BrokerControl extends BrokerHost {
  /** Where Herald keeps the broker's files when the settings name none. */
  readonly dataDir: string;
  /** The saved settings with this run's command-line overrides: what the broker runs with. */
  effective(settings?: BrokerSettings): BrokerSettings;
  /** Where users and ACLs are read from: the configured files, or the data dir's. */
  passwordFile(settings: BrokerSettings): string;
  aclFile(settings: BrokerSettings): string;
  /** Stops the broker and starts it with these (saved) settings. */
  restart(settings: BrokerSettings): Promise<BrokerInfo>;
}

export async function startBrokerControl(options: BrokerControlOptions): Promise<BrokerControl> {
  let saved = options.settings;
  const start = (settings: BrokerSettings) =>
    startBrokerHost({
      ...options,
      settings,
      password: options.password(),
      bridgePassword: options.bridgePassword?.(),
      dataDir: options.dataDir,
    });
  let host: BrokerHost = await start(saved);
  // Restarts one at a time: a second configure waits for the first to finish.
  let queue: Promise<unknown> = Promise.resolve();
  const effective = (settings = saved): BrokerSettings => ({ ...settings, ...definedOnly(options.overrides ?? {}) });
  return {
    dataDir: options.dataDir,
    info: () => host.info(),
    url: () => host.url(),
    running: (): RunningBroker | null => host.running(),
    effective,
    passwordFile: (settings) => brokerFilePaths(effective(settings), options.dataDir).passwordFile,
    aclFile: (settings) => brokerFilePaths(effective(settings), options.dataDir).aclFile,
    restart: (settings) => {
      const next = queue.then(async () => {
        await host.close();
        saved = settings;
        host = await start(settings);
        return host.info();
      });
      queue = next.catch(() => undefined);
      return next;
    },
    close: async () => {
      await queue;
      await host.close();
    },
  };
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
