import { z } from 'zod/mini';
import { ApiErrorBodySchema } from '../contract/errors.ts';
import { clearSessionHint } from './session-hint.ts';

// The CSP forbids eval (script-src 'self'). zod compiles object parsers with `new Function`
// when it may, and probing for that alone raises a CSP violation report, so never try.
z.config({ jitless: true });

/** The header the service worker adds when it answers from its cache (src/sw/caching.ts). */
export const FROM_CACHE_HEADER = 'x-pawtal-from-cache';

/** Every failure of an API call, with the stable `code` of the public API. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** From a 429's `Retry-After` header: how long to wait before asking again. */
  readonly retryAfterSeconds: number | undefined;
  /**
   * The error body's fields beyond code and message (e.g. `nextAvailableAt` of 429
   * `access-limit`), unparsed: whoever reads one parses it with its contract schema.
   */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    retryAfterSeconds?: number,
    details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
    this.details = details;
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

/**
 * Requests same-origin files (a clinic's manifest and icons) only so that they pass through
 * the service worker and land in its cache for offline use. Failures do not matter here.
 */
export async function warmCache(paths: string[]): Promise<void> {
  await Promise.all(
    paths.map((path) => fetch(path, { credentials: 'same-origin' }).catch(() => undefined)),
  );
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
  if (!response.ok) throw errorFrom(response, body);
  return {
    data: parseBody(response, body, schema),
    fetchedAt: parseHttpDate(response.headers.get('date')),
    isFromCache: response.headers.get(FROM_CACHE_HEADER) === '1',
  };
}

export type SendMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Sends a JSON body (or none) and parses the answer with its contract schema. Pass `null` as
 * the schema where the answer carries nothing the app uses (204, or a 202 with a message):
 * the result is then `undefined`. The browser adds the `Origin` header that the server
 * requires on unsafe methods.
 */
export async function apiSend<S extends z.ZodMiniType>(
  method: SendMethod,
  path: string,
  body: unknown,
  schema: S,
): Promise<z.output<S>>;
export async function apiSend(
  method: SendMethod,
  path: string,
  body: unknown,
  schema: null,
): Promise<undefined>;
export async function apiSend<S extends z.ZodMiniType>(
  method: SendMethod,
  path: string,
  body: unknown,
  schema: S | null,
): Promise<z.output<S> | undefined> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
      credentials: 'same-origin',
      // An answer to a write is never one to take from a cache.
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }

  const json = response.status === 204 ? undefined : await readJson(response);
  if (!response.ok) throw errorFrom(response, json);
  return schema === null ? undefined : parseBody(response, json, schema);
}

function errorFrom(response: Response, body: unknown): ApiError {
  // Whatever page asked, the server has just said there is no session: forget the hint.
  if (response.status === 401) clearSessionHint();
  const parsed = ApiErrorBodySchema.safeParse(body);
  if (!parsed.success) {
    return new ApiError(
      response.status,
      'bad-response',
      `The server answered with status ${response.status}.`,
    );
  }
  // RFC 9110 §10.2.3: Retry-After is seconds or an HTTP date; the API sends seconds.
  const retryAfter = Number(response.headers.get('retry-after'));
  const details = Object.fromEntries(
    Object.entries(body as Record<string, unknown>).filter(
      ([key]) => key !== 'code' && key !== 'message',
    ),
  );
  return new ApiError(
    response.status,
    parsed.data.code,
    parsed.data.message,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    Object.keys(details).length > 0 ? details : undefined,
  );
}

function parseBody<S extends z.ZodMiniType>(
  response: Response,
  body: unknown,
  schema: S,
): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(response.status, 'bad-response', 'The server sent an unexpected answer.');
  }
  return parsed.data;
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

/**
 * A file from the API, not JSON to parse: the response itself, for the caller to read as a
 * stream (to show progress). Failures are ApiErrors like the rest. Kept this small because
 * this module is in the first download; the reading lives with the screens that need it.
 */
export async function apiFile(path: string, signal?: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    // A copy of someone's data is never one to keep in, or take from, a cache.
    response = await fetch(path, { credentials: 'same-origin', cache: 'no-store', signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }
  if (!response.ok) throw errorFrom(response, await readJson(response));
  return response;
}
