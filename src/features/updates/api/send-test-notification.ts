import { useMutation } from '@tanstack/react-query';
import { UpdateCreatedSchema } from '../../../contract/push.ts';
import { apiSend } from '../../../lib/api-client.ts';

/** A test notification to one of the signed-in owner's devices (rate-limited by the server). */
export function sendTestNotification(deviceId: number) {
  return apiSend('POST', `/api/me/devices/${deviceId}/test`, undefined, UpdateCreatedSchema);
}

export function useSendTestNotification() {
  return useMutation({ mutationFn: sendTestNotification });
}
