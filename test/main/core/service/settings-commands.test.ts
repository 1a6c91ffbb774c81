// The Settings page's commands through the contract on a real core: settings.update validates and saves (a
// restart reads it back), app.info, the test notification on the notify path, and autostart with and without
// the host's port.
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { dispatch } from '../../../../src/shared/contract.ts';
import type { AutostartPort } from '../../../../src/main/core/core-api.ts';
import { createHeraldCore } from '../../../../src/main/core/herald-core.ts';
import { HEADLESS_AUTOSTART_REASON } from '../../../../src/main/core/service/settings-handlers.ts';
import { FileSecretStore } from '../../../../src/main/core/settings/file-secret-store.ts';
import { JsonSettingsRepo } from '../../../../src/main/core/settings/json-settings-repo.ts';
import { startTestCore, tempDir } from '../../../helpers/core.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function headless(dataDir?: string) {
  const dir = dataDir ? { path: dataDir, remove: () => {} } : tempDir();
  const started = await startTestCore({ dataDir: dir.path, brokerPort: 'off' });
  cleanups.push(dir.remove, () => started.stop());
  return { ...started, dir };
}

describe('settings.get / settings.update', () => {
  test('a new burst window is saved and read back after a restart', async () => {
    const first = await headless();
    expect(await dispatch(first.core.handlers, 'settings.get', {})).toEqual({
      ok: true,
      value: { notifications: { burstWindowMs: 500 } },
    });
    const reply = await dispatch(first.core.handlers, 'settings.update', { notifications: { burstWindowMs: 2000 } });
    expect(reply).toEqual({ ok: true, value: { notifications: { burstWindowMs: 2000 } } });
    await first.stop();

    const second = await headless(first.dataDir);
    expect(await dispatch(second.core.handlers, 'settings.get', {})).toMatchObject({
      value: { notifications: { burstWindowMs: 2000 } },
    });
  });

  test.each([
    [{ notifications: { burstWindowMs: -1 } }, /burstWindowMs/],
    [{ notifications: { burstWindowMs: 60_001 } }, /burstWindowMs/],
    [{ notifications: { burstWindowMs: 1.5 } }, /burstWindowMs/],
    [{ notifications: { burstWindowMs: '500' } }, /burstWindowMs/],
    [{ notifications: { paused: true } }, /paused/],
    [{ broker: { port: 1 } }, /broker/],
  ])('%j is refused with the field named and nothing changes', async (request, field) => {
    const { core } = await headless();
    const reply = await dispatch(core.handlers, 'settings.update', request);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_request', message: field } });
    expect(await dispatch(core.handlers, 'settings.get', {})).toMatchObject({
      value: { notifications: { burstWindowMs: 500 } },
    });
  });
});

describe('app.info and app.testNotification', () => {
  test('headless: the data dir, the version given, and a test notification for a browser tab', async () => {
    const { core, dataDir, eventsOf } = await headless();
    expect(await dispatch(core.handlers, 'app.info', {})).toEqual({
      ok: true,
      value: { version: 'unknown', dataDir },
    });
    const reply = await dispatch(core.handlers, 'app.testNotification', {});
    expect(reply).toEqual({ ok: true, value: { shownBy: 'browser' } });
    expect(eventsOf('notify')).toEqual([expect.objectContaining({ title: 'Herald test notification', priority: 3 })]);
  });
});

describe('app.autostart', () => {
  test('headless: unsupported with the reason; switching it on is refused, off is harmless', async () => {
    const { core } = await headless();
    const unsupported = { enabled: false, supported: false, reason: HEADLESS_AUTOSTART_REASON };
    expect(await dispatch(core.handlers, 'app.autostart.get', {})).toEqual({ ok: true, value: unsupported });
    const on = await dispatch(core.handlers, 'app.autostart.set', { enabled: true });
    expect(on).toMatchObject({ ok: false, error: { code: 'conflict', message: /herald serve/ } });
    expect(await dispatch(core.handlers, 'app.autostart.set', { enabled: false })).toEqual({
      ok: true,
      value: unsupported,
    });
  });

  test("with the host's port: set goes to the host, the reply and app.state follow", async () => {
    const dir = tempDir();
    let enabled = false;
    const autostart: AutostartPort = {
      get: () => ({ enabled, supported: true }),
      set: (next) => void (enabled = next),
    };
    const core = await createHeraldCore({
      dataDir: dir.path,
      settings: new JsonSettingsRepo(join(dir.path, 'config.json')),
      secrets: new FileSecretStore(join(dir.path, 'headless-secrets.json')),
      brokerPort: 'off',
      autostart,
      version: '9.8.7',
      nativeNotifications: { supported: () => false },
    });
    cleanups.push(dir.remove, () => core.stop());
    const states: unknown[] = [];
    core.on('app.state', (state) => states.push(state));

    const reply = await dispatch(core.handlers, 'app.autostart.set', { enabled: true });
    expect(reply).toEqual({ ok: true, value: { enabled: true, supported: true } });
    expect(enabled).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(states.length).toBeGreaterThan(0);
    expect(await dispatch(core.handlers, 'app.autostart.set', { enabled: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(await dispatch(core.handlers, 'app.info', {})).toMatchObject({ value: { version: '9.8.7' } });
    expect(await dispatch(core.handlers, 'app.testNotification', {})).toEqual({
      ok: true,
      value: { shownBy: 'native', supported: false },
    });
  });
});
