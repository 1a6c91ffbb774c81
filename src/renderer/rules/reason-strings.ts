// The words of main's reasons for a decision ("quiet hours 22:00-07:00", "limit 1/60s"), which main stores with
// each message in one wording; reason-text.ts says them in the UI's language.
import { defineStrings } from '../i18n/define-strings.ts';

export const reasonStrings = defineStrings(
  {
    'reason.lowPriority': 'low priority',
    'reason.snoozed': 'snoozed until {until}',
    'reason.quietHours': 'quiet hours {range}',
    'reason.matched': 'matched {text}',
    'reason.priority': 'priority {condition}',
    'reason.topic': 'topic {filter}',
    'reason.source': 'source {source}',
    'reason.limit': 'limit {rate}',
    'reason.for': '{condition} for {duration}',
    'reason.becameTrue': '{condition} (became true)',
  },
  {
    'reason.lowPriority': '低优先级',
    'reason.snoozed': '暂停至 {until}',
    'reason.quietHours': '免打扰时段 {range}',
    'reason.matched': '匹配 {text}',
    'reason.priority': '优先级 {condition}',
    'reason.topic': '主题 {filter}',
    'reason.source': '来源 {source}',
    'reason.limit': '频率限制 {rate}',
    'reason.for': '{condition} 持续 {duration}',
    'reason.becameTrue': '{condition}（刚成立）',
  },
);
