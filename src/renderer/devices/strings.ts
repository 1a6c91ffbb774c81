// The Devices page's words.
import { defineStrings } from '../i18n/define-strings.ts';

export const devicesStrings = defineStrings(
  {
    'devices.label': 'Devices',
    'devices.dismiss': 'Dismiss',
    'devices.loadFailed': 'Devices could not be loaded: {error}',
    'devices.empty':
      'No devices yet. Herald lists what Home Assistant MQTT discovery and Zigbee2MQTT announce on your MQTT sources (discovery is on for every MQTT source unless switched off).',
    'devices.noArea': 'No area',
    'devices.unknown': '{count} announced entities of kinds Herald does not control',
    'devices.offline': 'Offline',
    'devices.lastSeen': 'last seen',
    'devices.justNow': 'just now',
    'devices.minutesAgo': '{minutes} min ago',
    'devices.notConfirmed': '{names} did not confirm within {seconds} s; shown as last reported.',
    'devices.commandFailed': '{name}: {error}',
    'devices.brightness': '{name} brightness',
    'devices.colorTemp': '{name} colour temperature',
    'devices.on': 'On',
    'devices.off': 'Off',
    'devices.cover.open': 'Open',
    'devices.cover.stop': 'Stop',
    'devices.cover.close': 'Close',
  },
  {
    'devices.label': '设备',
    'devices.dismiss': '关闭',
    'devices.loadFailed': '无法加载设备：{error}',
    'devices.empty':
      '还没有设备。Herald 会列出 Home Assistant MQTT 自动发现和 Zigbee2MQTT 在你的 MQTT 源上公布的设备（除非关闭，每个 MQTT 源都开启自动发现）。',
    'devices.noArea': '无区域',
    'devices.unknown': '{count} 个已公布的实体属于 Herald 不控制的类型',
    'devices.offline': '离线',
    'devices.lastSeen': '最后在线',
    'devices.justNow': '刚刚',
    'devices.minutesAgo': '{minutes} 分钟前',
    'devices.notConfirmed': '{names} 未在 {seconds} 秒内确认；显示为最后报告的状态。',
    'devices.commandFailed': '{name}：{error}',
    'devices.brightness': '{name} 亮度',
    'devices.colorTemp': '{name} 色温',
    'devices.on': '开',
    'devices.off': '关',
    'devices.cover.open': '打开',
    'devices.cover.stop': '停止',
    'devices.cover.close': '关闭',
  },
);
