// The Broker page's commands. Settings changes are saved and the broker restarted with them; users and ACLs are
// written to Mosquitto's own files (the configured ones, else the data dir's), and the broker restarted to read
// them. A configuration the broker would refuse is refused here, with the broker's own reason, saving nothing.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { writeFileAtomically } from '../atomic-file.ts';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { HeraldError, type Handlers } from '../../../shared/contract.ts';
import type { BrokerStatus } from '../../../shared/commands/broker.ts';
import { parseAclFile } from '../broker/acl-file.ts';
import { INTERNAL_USERNAME } from '../broker/broker-auth.ts';
import { DEFAULT_ACL_FILE, type BrokerControl } from '../broker/broker-control.ts';
import type { BrokerSettings } from '../broker/broker-host.ts';
import { bindAddress, unsafeConfiguration } from '../broker/embedded-broker.ts';
import { listenerUrls } from '../broker/listener-urls.ts';
import { parsePasswordFile, setPassword } from '../broker/password-file.ts';
import type { Policy } from '../settings/policy.ts';
import { Settings } from '../settings/schema.ts';
import { BRIDGE_PASSWORD_KEY, BROKER_PASSWORD_KEY, type SecretStore } from '../settings/types.ts';
import { bridgeProblem, type BridgeSettings } from '../../../shared/bridge.ts';
import { SourceSettings } from '../../../shared/sources.ts';
import { BridgeRoutes } from '../broker/bridge/bridge-routes.ts';
import { testConnection } from '../connection-test/connection-test.ts';
import type { SourceRegistry } from '../sources/source-registry.ts';

export interface BrokerHandlerDeps {
  broker: BrokerControl;
  settings: () => Settings;
  saveSettings: (settings: Settings) => void;
  sources: SourceRegistry;
  secrets: SecretStore;
  stateChanged: () => void;
  /** The administrator's policy: when it locks the broker, its users and ACL are locked with its settings. */
  policy: Policy | null;
}

type BrokerCommands =
  | 'broker.status'
  | 'broker.configure'
  | 'broker.users.list'
  | 'broker.users.set'
  | 'broker.users.remove'
  | 'broker.acl.get'
  | 'broker.acl.set'
  | 'broker.retained.list'
  | 'broker.retained.delete'
  | 'broker.bridge.set'
  | 'broker.bridge.test';

const BrokerSettingsSchema = Settings.shape.broker;

export function createBrokerHandlers(deps: BrokerHandlerDeps): Pick<Handlers, BrokerCommands> {
  const { broker } = deps;
  const saved = () => deps.settings().broker;
  /** Before any file is written: the settings' own guard (in saveSettings) would come after the users and ACL. */
  const unlessLocked = () => {
    if (deps.policy?.locks('broker')) throw deps.policy.refusal('the embedded broker');
  };

  const status = async (): Promise<BrokerStatus> => {
    const info = broker.info();
    const running = broker.running();
    const effective = broker.effective();
    return {
      info,
      config: {
        enabled: effective.enabled,
        port: effective.port,
        host: bindAddress(effective),
        anonymous: effective.anonymous,
        wsPort: effective.wsPort ?? null,
        wsPath: effective.wsPath,
      },
      bridge: { ...saved().bridge, hasPassword: deps.secrets.get(BRIDGE_PASSWORD_KEY) !== undefined },
      listeners: listenerUrls(info),
      clients: running ? await running.inspector.clients() : [],
      messages: running ? await running.inspector.counters() : { in: 0, out: 0 },
      at: Date.now(),
      refused: running?.refused() ?? [],
    };
  };

  /** Saves the broker settings and restarts it; Herald's own embedded source follows it to its new address. */
  const apply = async (next: BrokerSettings): Promise<void> => {
    if (next !== saved()) deps.saveSettings({ ...deps.settings(), broker: next });
    await broker.restart(next);
    for (const source of deps.settings().sources) if (source.embedded) await deps.sources.put(source);
    deps.stateChanged();
  };

  const running = () => {
    const found = broker.running();
    if (!found) throw new HeraldError('conflict', 'the embedded broker is not running');
    return found;
  };

  const passwordFile = () => broker.passwordFile(saved());
  /** The settings pointing at `file` for `key` when nothing (settings or command line) names one yet. */
  const pointingAt = (key: 'passwordFile' | 'aclFile', file: string): BrokerSettings =>
    broker.effective()[key] ? saved() : { ...saved(), [key]: file };

  const users = () => {
    const file = passwordFile();
    const parsed = existsSync(file) ? parsePasswordFile(readFileSync(file, 'utf8')) : undefined;
    return [...(parsed?.users.keys() ?? [])].filter((name) => name !== INTERNAL_USERNAME);
  };

  return {
    'broker.status': status,
    'broker.configure': async (request) => {
      unlessLocked();
      if (request.host !== undefined && request.host !== 'localhost' && isIP(request.host) === 0) {
        throw new HeraldError('invalid_request', `"${request.host}" is not an IP address (e.g. 127.0.0.1 or 0.0.0.0)`);
      }
      const { wsPort, ...rest } = request;
      const merged: Record<string, unknown> = { ...saved(), ...rest };
      // null turns the WebSocket listener off, which the settings say by leaving the port out.
      if (wsPort === null) delete merged.wsPort;
      else if (wsPort !== undefined) merged.wsPort = wsPort;
      const next = BrokerSettingsSchema.parse(merged);
      const effective = broker.effective(next);
      if (effective.enabled) {
        const refusal = unsafeConfiguration({ ...effective, password: deps.secrets.get(BROKER_PASSWORD_KEY) });
        if (refusal) throw new HeraldError('invalid_request', refusal);
      }
      await apply(next);
      return status();
    },
    'broker.users.list': () => ({ file: passwordFile(), users: users().map((username) => ({ username })) }),
    'broker.users.set': async ({ username, password }) => {
      unlessLocked();
      if (username === INTERNAL_USERNAME) {
        throw new HeraldError('invalid_request', `"${INTERNAL_USERNAME}" is Herald's own user and cannot be set`);
      }
      const file = passwordFile();
      const next = pointingAt('passwordFile', file);
      setPassword(file, username, password);
      await apply(next);
      return {};
    },
    'broker.users.remove': async ({ username }) => {
      unlessLocked();
      if (!users().includes(username)) throw new HeraldError('not_found', `user "${username}" not found`);
      setPassword(passwordFile(), username, undefined);
      await apply(saved());
      return {};
    },
    'broker.acl.get': () => {
      const file = broker.aclFile(saved());
      return { file, text: existsSync(file) ? readFileSync(file, 'utf8') : '' };
    },
    'broker.acl.set': async ({ text }) => {
      unlessLocked();
      const problems = parseAclFile(text).problems.map(lineProblem);
      if (problems.length > 0) return { saved: false, problems };
      const file = broker.aclFile(saved());
      if (text.trim() === '' && file === join(broker.dataDir, DEFAULT_ACL_FILE)) {
        // An empty ACL of Herald's own is no ACL at all (as before one was written), not one that denies everyone.
        rmSync(file, { force: true });
        const { aclFile: _none, ...rest } = saved();
        await apply(BrokerSettingsSchema.parse(rest));
        return { saved: true, problems: [] };
      }
      writeFileAtomically(file, text.endsWith('\n') || text === '' ? text : `${text}\n`);
      await apply(pointingAt('aclFile', file));
      return { saved: true, problems: [] };
    },
    'broker.bridge.set': async ({ password, ...bridge }) => {
      unlessLocked();
      const problem = bridgeProblem(bridge);
      if (problem) throw new HeraldError('invalid_request', problem);
      if (password !== undefined) deps.secrets.set(BRIDGE_PASSWORD_KEY, password ?? undefined);
      await apply({ ...saved(), bridge });
      return status();
    },
    'broker.bridge.test': ({ password, ...bridge }) => {
      if (bridge.url === '')
        throw new HeraldError('invalid_request', 'the bridge needs the URL of the upstream broker');
      const stored = password === undefined ? deps.secrets.get(BRIDGE_PASSWORD_KEY) : (password ?? undefined);
      return testConnection({ settings: bridgeAsSource(bridge), secrets: stored ? { password: stored } : {} });
    },
    'broker.retained.list': async ({ prefix, limit }) => {
      const { entries, truncated } = await running().inspector.retained(prefix, limit);
      return { topics: entries, truncated };
    },
    'broker.retained.delete': async ({ topic }) => {
      if (!(await running().inspector.deleteRetained(topic))) {
        throw new HeraldError('not_found', `no retained message on "${topic}"`);
      }
      return {};
    },
  };
}

/**
 * The bridge as a source "Test connection" can try: its upstream filters as the subscriptions (every filter if
 * none comes down, '#' if there are none at all), a clean session and no client id of its own, so the test never
 * takes over the running bridge's session.
 */
function bridgeAsSource(bridge: BridgeSettings): SourceSettings {
  const routes = new BridgeRoutes(bridge.topics);
  const filters = (routes.inbound.length ? routes.inbound : routes.all).map((route) => ({
    filter: route.remoteFilter,
    qos: route.topic.qos,
  }));
  return SourceSettings.parse({
    kind: 'mqtt',
    name: 'Bridge',
    url: bridge.url,
    username: bridge.username,
    protocolVersion: bridge.protocolVersion,
    clean: true,
    topics: filters.length ? filters : [{ filter: '#', qos: 0 }],
    ...(bridge.tls ? { tls: bridge.tls } : {}),
  });
}

/** "line 3: unknown keyword ..." as { line: 3, message: "unknown keyword ..." }. */
function lineProblem(problem: string): { line: number; message: string } {
  const match = /^line (\d+): (.*)$/s.exec(problem);
  return match ? { line: Number(match[1]), message: match[2]! } : { line: 0, message: problem };
}
