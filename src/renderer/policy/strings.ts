// What the UI says about an administrator's policy, in English and Simplified Chinese.
import { defineStrings } from '../i18n/define-strings.ts';

export const policyStrings = defineStrings(
  {
    'policy.locked': 'Locked by your administrator’s policy ({file}): it cannot be changed here.',
    'policy.sourceBadge': 'locked by policy',
    'policy.importKeeps': 'Kept as your administrator’s policy sets it, whatever the file says: {items}.',
  },
  {
    'policy.locked': '已被管理员策略锁定（{file}），无法在此更改。',
    'policy.sourceBadge': '策略锁定',
    'policy.importKeeps': '以下内容按管理员策略保留，不受导入文件影响：{items}。',
  },
);
