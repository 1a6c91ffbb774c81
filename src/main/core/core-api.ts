// The face the core shows to its hosts (the Electron shell and the headless server). Hosts compose it with a
// transport and, in the app, with the tray and OS notifications.
import type { Handlers } from '../../shared/contract.ts';
import type { AppState } from '../../shared/model.ts';
import type { SecretStore, SettingsRepo } from './settings/types.ts';
import type { Settings } from './settings/schema.ts';
import type { RulesDocument } from '../../shared/rules/schema.ts';
import type { SourceInput } from '../../shared/sources.ts';
import type { CoreEventSource } from './core-events.ts';
import type { WebhookHub } from './sources/webhook/webhook-hub.ts';
import type { AutostartState } from '../../shared/commands/settings.ts';

/** Starting Herald at login: the host's to do (login items, an XDG autostart entry); headless has none. */
export interface AutostartPort {
  get(): AutostartState;
  set(enabled: boolean): void;
}

/** The host's own notifications (the desktop app); without it a browser tab shows them. */
export interface NativeNotifications {
  /** False when this system cannot show notifications (no notification server, unsupported OS). */
  supported(): boolean;
}

/**
 * A source given for one run (`herald serve --source URL ...`); never saved. Same fields as a saved source
 * (kind defaults to MQTT, name to the URL's host), secrets included.
 */
export type EphemeralSource = SourceInput extends infer T
  ? T extends unknown
    ? Omit<T, 'name'> & { name?: string }
    : never
  : never;

export interface HeraldCoreOptions {
  /** Folder for the inbox database (inbox.sqlite) and, headless, settings and secrets. */
  dataDir: string;
  settings: SettingsRepo;
  secrets: SecretStore;
  /** Overrides the saved broker port for this run; 'off' runs no embedded broker. */
  brokerPort?: number | 'off';
  /** Embedded broker settings for this run only (`herald serve --broker-host ...`); never saved. */
  brokerOverrides?: Partial<Settings['broker']>;
  extraSources?: EphemeralSource[];
  /** Replaces the stored rules (`herald serve --rules FILE`); already validated. */
  rules?: RulesDocument;
  /** Starting at login, where the host can (the Electron app); absent headless. */
  autostart?: AutostartPort;
  /** Present when the host shows `notify` events itself (the Electron app). */
  nativeNotifications?: NativeNotifications;
  /** The version the host runs (package.json's), for the About section. */
  version?: string;
  /** The administrator's policy file to apply (policyFileLocation()); absent: no policy. */
  policyFile?: string;
  /** The writer worker's entry where the host is bundled (out/main/inbox-writer.js); the source file otherwise. */
  writerWorker?: URL;
  /** The broker worker's entry where the host is bundled (out/main/broker-worker.js); the source file otherwise. */
  brokerWorker?: URL;
  /** The desktop's preferred languages (the app asks Electron); absent: read from the environment. */
  systemLanguages?: readonly string[];
}

export interface HeraldCore extends CoreEventSource {
  /** The contract's implementation; transports pass raw input through `dispatch(core.handlers, ...)`. */
  readonly handlers: Handlers;
  // Events for the UI and the shell (inbox.changed batched, app.state, notify, ui.openMessage): `on` one of
  // them with its own payload type, or `onAny` to forward them all (see CoreEventSource).
  getState(): AppState;
  /** The OS woke up or the network changed: reconnect every source now and catch up. */
  resume(): void;
  /** Emits ui.openMessage (used when a notification is clicked). */
  openMessage(id?: number): void;
  /** The webhooks of the running webhook sources, for a web server to answer at POST /hook/NAME. */
  readonly hooks: WebhookHub;
  stop(): Promise<void>;
}
