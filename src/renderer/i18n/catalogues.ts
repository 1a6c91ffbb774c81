// Every catalogue joined: the shell's (en.ts, zh-CN.ts) and each feature's strings.ts (see define-strings.ts).
// A new feature adds one import and one entry to FEATURES.
import type { FeatureStrings } from './define-strings.ts';
import { en as shellEn } from './en.ts';
import { zhCN as shellZhCN } from './zh-CN.ts';
import { sourcesStrings } from '../sources/strings.ts';
import { publishStrings } from '../publish/strings.ts';
import { inboxStrings } from '../inbox/strings.ts';
import { settingsStrings } from '../settings/strings.ts';
import { paletteStrings } from '../palette/strings.ts';
import { favouritesStrings } from '../favourites/strings.ts';
import { devicesStrings } from '../devices/strings.ts';
import { brokerStrings } from '../broker/strings.ts';
import { bridgeStrings } from '../broker/bridge-strings.ts';
import { reasonStrings } from '../rules/reason-strings.ts';
import { causeStrings } from '../status/cause-strings.ts';
import { policyStrings } from '../policy/strings.ts';
import { updatesStrings } from '../settings/updates-strings.ts';

const FEATURES = [
  sourcesStrings,
  publishStrings,
  inboxStrings,
  settingsStrings,
  paletteStrings,
  favouritesStrings,
  devicesStrings,
  brokerStrings,
  bridgeStrings,
  reasonStrings,
  causeStrings,
  policyStrings,
  updatesStrings,
] as const;

type KeysOf<F> = F extends FeatureStrings<infer K> ? K : never;
export type MessageKey = keyof typeof shellEn | KeysOf<(typeof FEATURES)[number]>;

function join(locale: 'en' | 'zh-CN', shell: Record<string, string>): Record<MessageKey, string> {
  const joined: Record<string, string> = { ...shell };
  const features: readonly FeatureStrings<string>[] = FEATURES;
  for (const feature of features) {
    for (const [key, text] of Object.entries(feature[locale])) {
      // Two features with the same key would show one's words in the other's place.
      if (key in joined) throw new Error(`the message key ${key} is defined twice`);
      joined[key] = text;
    }
  }
  return joined;
}

export const CATALOGUES: Record<'en' | 'zh-CN', Record<MessageKey, string>> = {
  en: join('en', shellEn),
  'zh-CN': join('zh-CN', shellZhCN),
};
