// The quick palette's words.
import { defineStrings } from '../i18n/define-strings.ts';

export const paletteStrings = defineStrings(
  {
    'palette.label': 'Quick palette',
    'palette.search': 'Search devices, buttons and pages',
    'palette.results': 'Results',
    'palette.none': 'Nothing matches “{query}”.',
    'palette.loading': 'Loading…',
    'palette.hint': 'Enter runs the first result; Escape closes.',
    'palette.kind.entity': 'Device',
    'palette.kind.button': 'Saved button',
    'palette.kind.page': 'Page',
    'palette.pinned': 'Pinned',
    'palette.failed': '{name}: {error}',
  },
  {
    'palette.label': '快速面板',
    'palette.search': '搜索设备、按钮和页面',
    'palette.results': '结果',
    'palette.none': '没有与“{query}”匹配的项。',
    'palette.loading': '正在加载…',
    'palette.hint': '按 Enter 执行第一个结果；按 Escape 关闭。',
    'palette.kind.entity': '设备',
    'palette.kind.button': '已保存的按钮',
    'palette.kind.page': '页面',
    'palette.pinned': '已固定',
    'palette.failed': '{name}：{error}',
  },
);
