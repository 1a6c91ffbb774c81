// The command names the preload lets through. A copy of the contract's keys rather than an import of
// src/shared/contract.ts: that module builds zod schemas at load time, and a sandboxed preload can only
// require('electron') — electron-vite externalizes `zod`, so importing it would break the preload at runtime.
// The types below make the copy impossible to get out of step: tsc fails if a command is missing or unknown.
import type { CommandName } from '../shared/contract.ts';

export const PRELOAD_COMMAND_NAMES = [
  'app.getState',
  'inbox.list',
  'inbox.get',
  'inbox.markRead',
  'inbox.markAllRead',
  'inbox.runAction',
  'inbox.markUnread',
  'inbox.pin',
  'inbox.delete',
  'inbox.getRetention',
  'inbox.setRetention',
  'inbox.topics',
  'sources.list',
  'sources.add',
  'sources.update',
  'sources.remove',
  'sources.reconnect',
  'sources.duplicate',
  'sources.reorder',
  'notifications.setPaused',
  'rules.get',
  'rules.set',
  'rules.preview',
  'rules.mute',
  'rules.snooze',
  'publish.send',
  'publish.history',
  'publish.topics',
  'publish.buttons.list',
  'publish.buttons.save',
  'publish.buttons.remove',
  'publish.buttons.press',
  'sources.test',
  'config.export',
  'config.previewImport',
  'config.import',
  'devices.list',
  'devices.command',
  'broker.status',
  'broker.configure',
  'broker.users.list',
  'broker.users.set',
  'broker.users.remove',
  'broker.acl.get',
  'broker.acl.set',
  'broker.retained.list',
  'broker.retained.delete',
  'broker.bridge.set',
  'broker.bridge.test',
  'settings.get',
  'settings.update',
  'app.info',
  'app.testNotification',
  'app.autostart.get',
  'app.autostart.set',
  'app.exportDiagnostics',
  'favourites.list',
  'favourites.set',
  'inbox.values',
  'devices.alert',
  'updates.get',
  'updates.configure',
  'updates.check',
  'app.setLocale',
] as const satisfies readonly CommandName[];

type AssertNever<T extends never> = T;
/** Compile-time check: every contract command is listed above. */
export type EveryCommandListed = AssertNever<Exclude<CommandName, (typeof PRELOAD_COMMAND_NAMES)[number]>>;

const known: ReadonlySet<string> = new Set(PRELOAD_COMMAND_NAMES);

export function isKnownCommand(name: unknown): name is CommandName {
  return typeof name === 'string' && known.has(name);
}
