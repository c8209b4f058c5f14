import { afterEach, expect, test, vi } from 'vitest';
import { ClinicSchema } from '../../src/contract/clinic.ts';
import { ApiError, apiGet, apiSend } from '../../src/lib/api-client.ts';
import { clinic } from './fixtures/policies.ts';
import { NETWORK_ERROR, Reply, SERVED_AT, stubFetch } from './fixtures/fetch-stub.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

test('a good answer is parsed with its schema and says when the server produced it', async () => {
  stubFetch({ '/api/clinics/dr-kim': clinic });
  const result = await apiGet('/api/clinics/dr-kim', ClinicSchema);
  expect(result.data).toEqual(clinic);
  expect(result.fetchedAt).toBe(SERVED_AT.toISOString());
  expect(result.isFromCache).toBe(false);
});

test('an answer from the service worker cache is flagged as a saved copy', async () => {
  stubFetch({ '/api/clinics/dr-kim': new Reply(200, clinic, { 'x-pawtal-from-cache': '1' }) });
  const result = await apiGet('/api/clinics/dr-kim', ClinicSchema);
  expect(result.isFromCache).toBe(true);
});

test('an error body becomes an ApiError with the status, code and message of the API', async () => {
  stubFetch({});
  const error = await apiGet('/api/clinics/nowhere', ClinicSchema).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({
    status: 404,
    code: 'not-found',
    message: 'Nothing was found at this address.',
  });
});

test('a network failure becomes an ApiError with the code network', async () => {
  stubFetch({ '/api/clinics/dr-kim': NETWORK_ERROR });
  const error = await apiGet('/api/clinics/dr-kim', ClinicSchema).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ status: 0, code: 'network' });
});

test('a body that does not match the contract becomes an ApiError with the code bad-response', async () => {
  stubFetch({ '/api/clinics/dr-kim': { ...clinic, themeColor: 'green' } });
  await expect(apiGet('/api/clinics/dr-kim', ClinicSchema)).rejects.toMatchObject({
    code: 'bad-response',
    status: 200,
  });
});

test('an error status without the API error body becomes bad-response with the status kept', async () => {
  stubFetch({ '/api/clinics/dr-kim': new Reply(502, '<html>Bad gateway</html>') });
  await expect(apiGet('/api/clinics/dr-kim', ClinicSchema)).rejects.toMatchObject({
    status: 502,
    code: 'bad-response',
  });
});

test('apiSend sends JSON with the session cookie and parses the answer with its schema', async () => {
  const fetch = stubFetch({ 'PUT /api/clinics/dr-kim': clinic });
  const result = await apiSend('PUT', '/api/clinics/dr-kim', { name: 'x' }, ClinicSchema);
  expect(result).toEqual(clinic);
  const [, init] = fetch.mock.calls[0]!;
  expect(init).toMatchObject({
    method: 'PUT',
    credentials: 'same-origin',
    body: '{"name":"x"}',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
  });
});

test('apiSend answers undefined for a 204, and sends no body when there is none', async () => {
  const fetch = stubFetch({ 'POST /api/auth/sign-out': new Reply(204, null) });
  await expect(apiSend('POST', '/api/auth/sign-out', undefined, null)).resolves.toBeUndefined();
  const [, init] = fetch.mock.calls[0]!;
  expect(init?.body).toBeNull();
  expect(init?.headers).not.toHaveProperty('content-type');
});

test('a 429 carries how long to wait, from Retry-After', async () => {
  stubFetch({
    'POST /api/auth/code': new Reply(
      429,
      { code: 'rate-limited', message: 'Too many tries.' },
      { 'retry-after': '90' },
    ),
  });
  await expect(apiSend('POST', '/api/auth/code', {}, null)).rejects.toMatchObject({
    status: 429,
    code: 'rate-limited',
    retryAfterSeconds: 90,
  });
});

test('a 401 forgets that this phone was signed in', async () => {
  localStorage.setItem('pawtal:signed-in', 'dr-kim');
  stubFetch({ 'GET /api/me': new Reply(401, { code: 'unauthenticated', message: 'Sign in.' }) });
  await expect(apiGet('/api/me', ClinicSchema)).rejects.toMatchObject({ status: 401 });
  expect(localStorage.getItem('pawtal:signed-in')).toBeNull();
});

test('apiSend offline fails with the code network', async () => {
  stubFetch({ 'PUT /api/me/preferences': NETWORK_ERROR });
  await expect(apiSend('PUT', '/api/me/preferences', {}, null)).rejects.toMatchObject({
    status: 0,
    code: 'network',
  });
});
