import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Device } from '../../../contract/push.ts';
import { apiSend } from '../../../lib/api-client.ts';
import { forgetThisDevice } from '../../../lib/push.ts';
import { updateKeys } from './update-keys.ts';

export async function removeDevice(clinic: string, device: Device, isThisDevice: boolean) {
  await apiSend('DELETE', `/api/me/devices/${device.id}`, undefined, null);
  // The page's own record goes too, so the banner offers push again on this device.
  if (isThisDevice) await forgetThisDevice(clinic);
}

export function useRemoveDevice(clinic: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ device, isThisDevice }: { device: Device; isThisDevice: boolean }) =>
      removeDevice(clinic, device, isThisDevice),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: updateKeys.devices() }),
  });
}
