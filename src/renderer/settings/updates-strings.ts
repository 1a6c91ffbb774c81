// The words of the Settings page's "Updates" section, in English and Simplified Chinese.
import { defineStrings } from '../i18n/define-strings.ts';

export const updatesStrings = defineStrings(
  {
    'updates.title': 'Updates',
    'updates.check': 'Check for updates',
    'updates.checkHelp':
      'Herald looks at the release feed when it starts and every 24 hours. While this is off, Herald makes no network request of its own.',
    'updates.feedUrl': 'Update feed URL',
    'updates.feedHelp': "An electron-builder latest.yml: the project's releases, or your organisation's mirror.",
    'updates.useFeed': 'Use this feed',
    'updates.feedSaved': 'Feed set.',
    'updates.checkNow': 'Check now',
    'updates.checking': 'Checking…',
    'updates.available': 'Herald {version} is available.',
    'updates.releasePage': 'Release page',
    'updates.upToDate': 'Herald {version} is the latest version.',
    'updates.failed': 'The check failed: {error}',
    'updates.checkedAt': 'Last checked {time}.',
    'updates.later': 'Later',
  },
  {
    'updates.title': '更新',
    'updates.check': '检查更新',
    'updates.checkHelp': 'Herald 在启动时以及每 24 小时查看一次发布源。关闭时，Herald 不会自行发起任何网络请求。',
    'updates.feedUrl': '更新源 URL',
    'updates.feedHelp': 'electron-builder 的 latest.yml：项目的发布页，或贵组织的镜像。',
    'updates.useFeed': '使用此更新源',
    'updates.feedSaved': '已设置更新源。',
    'updates.checkNow': '立即检查',
    'updates.checking': '正在检查…',
    'updates.available': 'Herald {version} 已发布。',
    'updates.releasePage': '发布页面',
    'updates.upToDate': 'Herald {version} 已是最新版本。',
    'updates.failed': '检查失败：{error}',
    'updates.checkedAt': '上次检查：{time}。',
    'updates.later': '以后再说',
  },
);
