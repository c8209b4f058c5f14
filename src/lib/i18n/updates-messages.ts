import { updatesEn } from './updates-en.ts';
import { updatesEs } from './updates-es.ts';

/** The updates screens' catalog, one chunk for both languages (see loadUpdatesMessages). */
export const updatesMessages = { en: updatesEn, es: updatesEs };
