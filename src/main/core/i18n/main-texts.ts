// What the main process says itself, in the user's language: notifications it composes (bursts, the catch-up
// summary, the test notification) and the tray (menu, tooltip). The language is the one the UI last showed
// (app.setLocale), else the system's, so a user who reads Chinese gets Chinese notifications before any window
// has opened. The UI's own words are in renderer/i18n.
import { fillParams, type Locale, type Params } from '../../../shared/locale.ts';
import type { SourceState } from '../../../shared/model.ts';

const en = {
  'notify.burst': '{count} new messages from {source}',
  'notify.away': '{count} messages while you were away',
  'notify.awayUrgent': ', {count} urgent: {titles}',
  'notify.heldBack': '+{count} more from {topic}',
  'notify.testTitle': 'Herald test notification',
  'notify.testBody': 'Notifications from Herald reach you here.',
  'tray.open': 'Open inbox',
  'tray.markAllRead': 'Mark all read',
  'tray.pause': 'Pause notifications',
  'tray.startAtLogin': 'Start at login',
  'tray.quit': 'Quit',
  'tray.update': 'Herald {version} is available…',
  'tray.unread': 'Herald — {count} unread',
  'tray.paused': ' (notifications paused)',
  'tray.broker': 'Embedded broker: {error}',
  'tray.bridge': 'Bridge to {url}: {error}',
  'tray.overlay': '{count} unread',
  'state.connecting': 'connecting',
  'state.connected': 'connected',
  'state.reconnecting': 'reconnecting',
  'state.error': 'error',
  'state.disabled': 'disabled',
} as const;

export type MainTextKey = keyof typeof en;

const zhCN: Record<MainTextKey, string> = {
  'notify.burst': '来自 {source} 的 {count} 条新消息',
  'notify.away': '离开期间收到 {count} 条消息',
  'notify.awayUrgent': '，其中 {count} 条紧急：{titles}',
  'notify.heldBack': '{topic} 另有 {count} 条',
  'notify.testTitle': 'Herald 测试通知',
  'notify.testBody': 'Herald 的通知会显示在这里。',
  'tray.open': '打开收件箱',
  'tray.markAllRead': '全部标为已读',
  'tray.pause': '暂停通知',
  'tray.startAtLogin': '登录时启动',
  'tray.quit': '退出',
  'tray.update': 'Herald {version} 已发布…',
  'tray.unread': 'Herald — {count} 条未读',
  'tray.paused': '（通知已暂停）',
  'tray.broker': '内置代理：{error}',
  'tray.bridge': '到 {url} 的桥接：{error}',
  'tray.overlay': '{count} 条未读',
  'state.connecting': '正在连接',
  'state.connected': '已连接',
  'state.reconnecting': '正在重新连接',
  'state.error': '出错',
  'state.disabled': '已停用',
};

const TEXTS: Record<Locale, Record<MainTextKey, string>> = { en, 'zh-CN': zhCN };

export type MainText = (key: MainTextKey, params?: Params) => string;

export function mainText(locale: Locale): MainText {
  const texts = TEXTS[locale];
  return (key, params) => fillParams(texts[key], params);
}

/** A source's state in words. */
export function stateText(text: MainText, state: SourceState): string {
  return text(`state.${state}`);
}

/**
 * The system's languages as a process sees them where no desktop tells (`herald serve`): the POSIX locale
 * variables in their order of precedence, then what the JavaScript runtime reports.
 */
export function environmentLanguages(env: NodeJS.ProcessEnv = process.env): string[] {
  const posix = [env.LC_ALL, env.LC_MESSAGES, env.LANG]
    .filter((value): value is string => !!value && value !== 'C' && value !== 'POSIX')
    .map((value) => value.split('.')[0]!.replace('_', '-'));
  const preferred = env.LANGUAGE ? env.LANGUAGE.split(':').filter(Boolean) : [];
  return [...preferred, ...posix, Intl.DateTimeFormat().resolvedOptions().locale];
}
