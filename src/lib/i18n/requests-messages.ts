import { requestsEn } from './requests-en.ts';
import { requestsEs } from './requests-es.ts';

/** The privacy requests' catalog, one chunk for both languages (see loadRequestsMessages). */
export const requestsMessages = { en: requestsEn, es: requestsEs };
