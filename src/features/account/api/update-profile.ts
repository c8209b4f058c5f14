import { useMutation, useQueryClient } from '@tanstack/react-query';
import { UserSchema } from '../../../contract/auth.ts';
import { apiSend } from '../../../lib/api-client.ts';
import { sessionKeys } from '../../../lib/private-keys.ts';
import { accountKeys } from './account-keys.ts';

/** Only the fields being changed; an empty string removes a value (the contract maps it). */
export interface ProfileChanges {
  name?: string;
  phone?: string;
}

export function updateProfile(changes: ProfileChanges) {
  return apiSend('PATCH', '/api/me/profile', changes, UserSchema);
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProfile,
    onSuccess: async (user) => {
      queryClient.setQueryData(sessionKeys.user(), {
        data: user,
        fetchedAt: new Date().toISOString(),
        isFromCache: false,
      });
      await queryClient.invalidateQueries({ queryKey: accountKeys.activity() });
    },
  });
}
