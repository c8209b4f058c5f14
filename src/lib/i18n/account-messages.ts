import { accountEn } from './account-en.ts';
import { accountEs } from './account-es.ts';

/** The account screens' catalog, one chunk for both languages (see loadAccountMessages). */
export const accountMessages = { en: accountEn, es: accountEs };
