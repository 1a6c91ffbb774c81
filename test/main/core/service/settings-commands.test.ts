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
import { environmentLanguages } from '../../../../src/main/core/i18n/main-texts.ts';
import { localeOf } from '../../../../src/shared/locale.ts';
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

describe('app.setLocale: what the main process says follows the language of the UI', () => {
  test('the desktop language first, the UI language once it tells, saved for the next start', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const first = await startTestCore({ dataDir: dir.path, brokerPort: 'off', systemLanguages: ['zh-Hans-CN', 'en'] });
    expect(first.core.getState().locale).toBe('zh-CN');
    await dispatch(first.core.handlers, 'app.testNotification', {});
    expect(first.eventsOf('notify').at(-1)).toMatchObject({ title: 'Herald 测试通知' });

    expect(await dispatch(first.core.handlers, 'app.setLocale', { locale: 'en' })).toEqual({
      ok: true,
      value: { locale: 'en' },
    });
    expect(first.eventsOf('app.state').at(-1)).toMatchObject({ locale: 'en' });
    await dispatch(first.core.handlers, 'app.testNotification', {});
    expect(first.eventsOf('notify').at(-1)).toMatchObject({ title: 'Herald test notification' });
    await first.stop();

    const second = await startTestCore({ dataDir: dir.path, brokerPort: 'off', systemLanguages: ['zh-CN'] });
    cleanups.push(() => second.stop());
    expect(second.core.getState().locale).toBe('en');
    const refused = await dispatch(second.core.handlers, 'app.setLocale', { locale: 'fr' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_request', message: /locale/ } });
  });

  test('headless, the system language comes from the POSIX locale variables', () => {
    expect(localeOf(environmentLanguages({ LANG: 'zh_CN.UTF-8' }))).toBe('zh-CN');
    expect(localeOf(environmentLanguages({ LANGUAGE: 'zh_TW:en', LANG: 'en_US.UTF-8' }))).toBe('zh-CN');
    expect(localeOf(environmentLanguages({ LC_ALL: 'en_GB.UTF-8', LANG: 'zh_CN.UTF-8' }))).toBe('en');
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
