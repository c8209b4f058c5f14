import { z } from 'zod/mini';
import { ApiErrorBodySchema } from '../contract/errors.ts';

// The CSP forbids eval (script-src 'self'). zod compiles object parsers with `new Function`
// when it may, and probing for that alone raises a CSP violation report, so never try.
z.config({ jitless: true });

/** The header the service worker adds when it answers from its cache (src/sw/caching.ts). */
export const FROM_CACHE_HEADER = 'x-pawtal-from-cache';

/** Every failure of an API call, with the stable `code` of the public API. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** A parsed response, and when the server produced it: a cached copy can be days old. */
export interface Fetched<T> {
  data: T;
  /** From the response `Date` header (ISO 8601), or null when the server sent none. */
  fetchedAt: string | null;
  /** True when the service worker answered from its cache because the network did not. */
  isFromCache: boolean;
}

export function isFetched(value: unknown): value is Fetched<unknown> {
  return typeof value === 'object' && value !== null && 'data' in value && 'isFromCache' in value;
}

interface GetOptions {
  signal?: AbortSignal | undefined;
}

/** The only fetch wrapper of the app: every response is parsed with its contract schema. */
export async function apiGet<S extends z.ZodMiniType>(
  path: string,
  schema: S,
  { signal }: GetOptions = {},
): Promise<Fetched<z.output<S>>> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    // react-query cancels by aborting; that is not a network failure to report.
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }

  const body = await readJson(response);
  if (!response.ok) {
    const parsed = ApiErrorBodySchema.safeParse(body);
    if (parsed.success) throw new ApiError(response.status, parsed.data.code, parsed.data.message);
    throw new ApiError(
      response.status,
      'bad-response',
      `The server answered with status ${response.status}.`,
    );
  }

  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(response.status, 'bad-response', 'The server sent an unexpected answer.');
  }
  return {
    data: parsed.data,
    fetchedAt: parseHttpDate(response.headers.get('date')),
    isFromCache: response.headers.get(FROM_CACHE_HEADER) === '1',
  };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function parseHttpDate(value: string | null): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
