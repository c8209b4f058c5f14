import { queryOptions, useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { DeviceListSchema } from '../../../contract/push.ts';
import { apiGet } from '../../../lib/api-client.ts';
import { currentEndpoint } from '../../../lib/push.ts';
import { updateKeys } from './update-keys.ts';

export function getDevices(signal?: AbortSignal) {
  return apiGet('/api/me/devices', DeviceListSchema, { signal });
}

export function devicesQueryOptions() {
  return queryOptions({
    queryKey: updateKeys.devices(),
    queryFn: ({ signal }) => getDevices(signal),
    staleTime: 0,
  });
}

export function useDevices() {
  return useSuspenseQuery(devicesQueryOptions());
}

/** This browser's push endpoint (null without a subscription), to mark "this device". */
export function useThisEndpoint() {
  return useQuery({
    queryKey: updateKeys.thisEndpoint(),
    queryFn: () => currentEndpoint().catch(() => null),
    staleTime: 0,
  });
}
