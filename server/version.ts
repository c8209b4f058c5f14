import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The deployed version, from package.json: shown by /api/health and the OpenAPI document. */
export const appVersion: string = (require('../package.json') as { version: string }).version;
