import { afterEach, expect, test, vi } from 'vitest';
import { ClinicSchema } from '../../src/contract/clinic.ts';
import { ApiError, apiGet } from '../../src/lib/api-client.ts';
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
