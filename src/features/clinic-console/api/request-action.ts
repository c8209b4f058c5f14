import { useMutation, useQueryClient } from '@tanstack/react-query';
import { StaffRequestDetailSchema } from '../../../contract/requests.ts';
import { apiSend } from '../../../lib/api-client.ts';
import { consoleKeys } from './console-keys.ts';

export type StaffAction =
  | { action: 'verify'; note?: string }
  | { action: 'start' }
  | { action: 'extend'; reason: string }
  | { action: 'complete'; note?: string }
  | { action: 'deny'; reason: string };

export function runStaffAction(clinic: string, id: number, { action, ...body }: StaffAction) {
  return apiSend(
    'POST',
    `/api/clinics/${encodeURIComponent(clinic)}/requests/${id}/${action}`,
    body,
    StaffRequestDetailSchema,
  );
}

/**
 * Verify, start, extend, complete or deny. Not queued offline: staff act on the server's
 * current state (another colleague may have answered), so offline it fails and says so.
 */
export function useStaffAction(clinic: string, id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: StaffAction) => runStaffAction(clinic, id, action),
    onSuccess: async (request) => {
      queryClient.setQueryData(consoleKeys.detail(clinic, id), {
        data: request,
        fetchedAt: new Date().toISOString(),
        isFromCache: false,
      });
      await queryClient.invalidateQueries({ queryKey: consoleKeys.queues(clinic) });
    },
  });
}
