import type { Category, Channel } from '../../../contract/preferences.ts';
import type { I18n } from '../../../lib/i18n/i18n.tsx';

export function categoryName(category: Category, t: I18n['t']): string {
  return t(`pref.category.${category}`);
}

/** "by email", "by text message": how the message would come, to follow a category name. */
export function channelPhrase(channel: Channel, t: I18n['t']): string {
  return t(`pref.by.${channel}`);
}

/** "Marketing newsletter by email": one cell of the matrix, as a label or in a sentence. */
export function cellName(category: Category, channel: Channel, t: I18n['t']): string {
  return t('pref.cellName', {
    category: categoryName(category, t),
    channel: channelPhrase(channel, t),
  });
}
