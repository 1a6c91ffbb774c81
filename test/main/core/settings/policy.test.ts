// The administrator's policy: found where the system keeps it (or HERALD_POLICY), applied at every start on
// top of the user's settings, and guarding every later change of what it locks; an invalid policy is reported
// and ignored as a whole.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { dispatch } from '../../../../src/shared/contract.ts';
import type { AppState } from '../../../../src/shared/model.ts';
import { defaultSettings } from '../../../../src/main/core/settings/schema.ts';
import { loadPolicy, policyFileLocation, type Policy } from '../../../../src/main/core/settings/policy.ts';
import { FileSecretStore } from '../../../../src/main/core/settings/file-secret-store.ts';
import { startTestCore, tempDir, type TestCore } from '../../../helpers/core.ts';

const OFFICE = {
  id: 'office',
  kind: 'mqtt',
  name: 'Office alerts',
  url: 'mqtt://127.0.0.1:1',
  topics: [{ filter: 'alerts/#', qos: 1 }],
  username: 'desk',
  password: 'from-policy',
  locked: true,
};
const LAB = { id: 'lab', kind: 'ntfy', name: 'Lab', url: 'http://127.0.0.1:1', topics: ['lab'], enabled: false };

let dir: ReturnType<typeof tempDir>;
let policyFile: string;
let t: TestCore | undefined;
beforeEach(() => {
  dir = tempDir('herald-policy-');
  policyFile = join(dir.path, 'policy.json');
});
afterEach(async () => {
  await t?.stop();
  t = undefined;
  dir.remove();
});

function writePolicy(policy: unknown): void {
  writeFileSync(policyFile, typeof policy === 'string' ? policy : JSON.stringify(policy));
}

function policy(document: unknown): Policy {
  writePolicy(document);
  const load = loadPolicy(policyFile);
  if (!load.policy) throw new Error('warning' in load ? load.warning : 'no policy');
  return load.policy;
}

describe('where the policy file is', () => {
  test('HERALD_POLICY first, else the system location of each OS', () => {
    expect(policyFileLocation({ HERALD_POLICY: '/srv/p.json' }, 'linux')).toBe('/srv/p.json');
    expect(policyFileLocation({}, 'linux')).toBe('/etc/herald/policy.json');
    expect(policyFileLocation({}, 'darwin')).toBe('/Library/Application Support/Herald/policy.json');
    expect(policyFileLocation({ ProgramData: 'D:\\PD' }, 'win32')).toMatch(/^D:\\PD[\\/]Herald[\\/]policy\.json$/);
  });

  test('no file: no policy and nothing to report', () => {
    expect(loadPolicy(join(dir.path, 'none.json'))).toEqual({ policy: null });
  });
});

test('the example in docs/policy.md is a valid policy', () => {
  const doc = readFileSync(new URL('../../../../docs/policy.md', import.meta.url), 'utf8');
  const example = /```json\n([\s\S]*?)```/.exec(doc)![1]!;
  const p = policy(JSON.parse(example));
  expect(p.view().lock).toEqual(['rules', 'broker']);
  expect(p.sourceLocked('office')).toBe(true);
  expect(p.sourceLocked('status')).toBe(false);
});

describe('an invalid policy', () => {
  test.each([
    ['not JSON', '{ "version": 1, '],
    ['an unknown version', { version: 2 }],
    ['an unknown field', { version: 1, colour: 'red' }],
    ['a source with a bad URL', { version: 1, sources: [{ ...OFFICE, url: 'nope' }] }],
    ['an unknown lock', { version: 1, lock: ['everything'] }],
    ['one id twice', { version: 1, sources: [OFFICE, { ...OFFICE, name: 'again' }] }],
  ])('%s is ignored as a whole, with the reason', (_what, document) => {
    writePolicy(document);
    const load = loadPolicy(policyFile);
    expect(load.policy).toBeNull();
    expect('warning' in load && load.warning).toMatch(
      /policy\.json is not valid and was ignored \(nothing of it applies\)/,
    );
  });
});

describe('applying a policy', () => {
  test('a locked source is put back as written; an unlocked one is given once and then is the user’s', () => {
    const p = policy({ version: 1, sources: [OFFICE, LAB] });
    const first = p.apply(defaultSettings());
    expect(first.settings.sources.map((s) => s.id)).toEqual(['office', 'lab']);
    expect(first.secrets).toEqual([['source:office:password', 'from-policy']]);
    expect(first.settings.sources[0]).not.toHaveProperty('password');

    // The user renames the lab and removes it; an edited office is put back at the next start.
    const edited = {
      ...first.settings,
      sources: [{ ...first.settings.sources[0]!, name: 'Mine' }],
    };
    const second = p.apply(edited);
    expect(second.settings.sources.map((s) => [s.id, s.name])).toEqual([['office', 'Office alerts']]);
  });

  test('settings sections and rules: locked ones enforced at every start, others given once', () => {
    const p = policy({
      version: 1,
      settings: { notifications: { burstWindowMs: 2000 }, inbox: { maxPayloadBytes: 8192 } },
      rules: { version: 1, rules: [{ name: 'quiet', match: { topic: 'noise/#' }, action: 'drop' }] },
      lock: ['notifications'],
    });
    const first = p.apply(defaultSettings()).settings;
    expect(first.notifications.burstWindowMs).toBe(2000);
    expect(first.inbox.maxPayloadBytes).toBe(8192);
    expect(first.rules.rules.map((r) => r.name)).toEqual(['quiet']);
    const changed = {
      ...first,
      notifications: { ...first.notifications, burstWindowMs: 10 },
      inbox: { ...first.inbox, maxPayloadBytes: 4096 },
      rules: { version: 1 as const, rules: [] },
    };
    const second = p.apply(changed).settings;
    expect(second.notifications.burstWindowMs).toBe(2000);
    expect(second.inbox.maxPayloadBytes).toBe(4096);
    expect(second.rules.rules).toEqual([]);
  });

  test("the broker's passwords (its user's, its bridge's) go to the secret store, never into the settings", () => {
    const bridge = { enabled: true, url: 'mqtts://cloud.example:8883', username: 'home', topics: [{ filter: '#' }] };
    const p = policy({
      version: 1,
      settings: { broker: { username: 'desk', password: 'broker-pw', bridge, bridgePassword: 'bridge-pw' } },
      lock: ['broker'],
    });
    const { settings, secrets } = p.apply(defaultSettings());
    expect(secrets).toEqual([
      ['broker:password', 'broker-pw'],
      ['broker:bridge-password', 'bridge-pw'],
    ]);
    expect(settings.broker).toMatchObject({ username: 'desk', bridge: { url: bridge.url, username: 'home' } });
    expect(JSON.stringify(settings)).not.toMatch(/broker-pw|bridge-pw/);
    // Locked: put back, secrets included, at every start.
    expect(p.apply({ ...settings, broker: { ...settings.broker, username: 'x' } }).secrets).toHaveLength(2);
  });

  test('refuses a change of anything locked, naming the file; allows the rest', () => {
    const p = policy({ version: 1, sources: [OFFICE], lock: ['rules', 'broker'] });
    const current = p.apply(defaultSettings()).settings;
    const office = current.sources[0]!;
    const attempt = (next: typeof current) => () => p.refuseChanges(current, next);
    expect(attempt({ ...current, sources: [] })).toThrow(
      /your administrator's policy \(.*policy\.json\) locks source "Office alerts": it cannot be changed here/,
    );
    expect(attempt({ ...current, sources: [{ ...office, enabled: false }] })).toThrow(/Office alerts/);
    expect(attempt({ ...current, rules: { version: 1, rules: [{ name: 'x', action: 'drop' }] } as never })).toThrow(
      /the rules/,
    );
    expect(attempt({ ...current, broker: { ...current.broker, port: 1884 } })).toThrow(/embedded broker/);
    expect(attempt({ ...current, notifications: { ...current.notifications, burstWindowMs: 1 } })).not.toThrow();
    expect(attempt({ ...current, notifications: { ...current.notifications, paused: true } })).not.toThrow();
  });
});

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const reply = await dispatch(t!.core.handlers, channel, payload);
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value as T;
}

async function refusal(channel: string, payload: unknown): Promise<string> {
  const reply = await dispatch(t!.core.handlers, channel, payload);
  if (reply.ok) throw new Error(`${channel} was accepted: ${JSON.stringify(reply.value)}`);
  return `${reply.error.code}: ${reply.error.message}`;
}

describe('a running Herald under a policy', () => {
  test('shows what is locked, refuses editing or removing a locked source, and the rest works', async () => {
    writePolicy({ version: 1, sources: [OFFICE], lock: ['rules'] });
    t = await startTestCore({ dataDir: dir.path, brokerPort: 'off', policyFile });
    const state = await call<AppState>('app.getState', {});
    expect(state.policy).toEqual({ file: policyFile, lock: ['rules'] });
    const office = state.sources.find((s) => s.id === 'office');
    expect(office).toMatchObject({ name: 'Office alerts', locked: true, hasPassword: true });
    expect(state.sources.find((s) => s.id === 'local')?.locked).toBeUndefined();

    const { locked: _locked, ...input } = OFFICE;
    expect(await refusal('sources.update', { ...input, password: 'mine', name: 'Mine' })).toMatch(
      /^conflict: your administrator's policy \(.*\) locks this source/,
    );
    expect(await refusal('sources.remove', { id: 'office' })).toMatch(/^conflict: .* locks this source/);
    // The password was not touched by the refused update.
    expect(new FileSecretStore(join(dir.path, 'headless-secrets.json')).get('source:office:password')).toBe(
      'from-policy',
    );

    const quiet = { version: 1, rules: [{ name: 'quiet', match: { topic: 'noise/#' }, action: 'drop' }] };
    expect(await refusal('rules.set', { document: quiet })).toMatch(/^conflict: .* locks the rules/);
    const settings = await call('settings.update', { notifications: { burstWindowMs: 900 } });
    expect(settings).toMatchObject({ notifications: { burstWindowMs: 900 } });
  });

  test('an import keeps what the policy locks and says so in its preview', async () => {
    writePolicy({ version: 1, sources: [OFFICE] });
    t = await startTestCore({ dataDir: dir.path, brokerPort: 'off', policyFile });
    const exported = await call<{ document: string }>('config.export', {});
    const document = JSON.parse(exported.document);
    document.settings.sources = [];
    const text = JSON.stringify(document);
    const preview = await call('config.previewImport', { document: text });
    expect(preview).toMatchObject({
      sources: { removed: [expect.stringMatching(/^Local broker/)] },
      locked: ['source Office alerts'],
    });
    await call('config.import', { document: text });
    const state = await call<AppState>('app.getState', {});
    expect(state.sources.map((s) => s.id)).toEqual(['office']);
  });

  test('a locked broker: its users and ACL are refused before any file is written', async () => {
    writePolicy({ version: 1, lock: ['broker'] });
    t = await startTestCore({ dataDir: dir.path, brokerPort: 'off', policyFile });
    expect(await refusal('broker.users.set', { username: 'desk', password: 'pw-12345678' })).toMatch(
      /^conflict: .* locks the embedded broker/,
    );
    expect(await refusal('broker.acl.set', { text: 'topic read #\n' })).toMatch(/locks the embedded broker/);
    expect(await refusal('broker.configure', { port: 1884 })).toMatch(/locks the embedded broker/);
    const users = await call<{ users: unknown[] }>('broker.users.list', {});
    expect(users.users).toEqual([]);
  });

  test('an invalid policy is reported in the app and nothing of it applies', async () => {
    writePolicy({ version: 1, sources: [OFFICE], lock: ['everything'] });
    t = await startTestCore({ dataDir: dir.path, brokerPort: 'off', policyFile });
    const state = await call<AppState>('app.getState', {});
    expect(state.warnings.join('\n')).toMatch(/policy\.json is not valid and was ignored/);
    expect(state.policy).toBeNull();
    expect(state.sources.map((s) => s.id)).toEqual(['local']);
  });
});
