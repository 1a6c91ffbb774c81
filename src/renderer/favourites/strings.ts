// The words of the pin toggles (device entities, saved buttons).
import { defineStrings } from '../i18n/define-strings.ts';

export const favouritesStrings = defineStrings(
  {
    'favourites.pin': 'Pin {name} to favourites',
    'favourites.pinFailed': 'Could not change the pin of {name}: {error}',
  },
  {
    'favourites.pin': '将 {name} 固定到收藏',
    'favourites.pinFailed': '无法更改 {name} 的固定状态：{error}',
  },
);
