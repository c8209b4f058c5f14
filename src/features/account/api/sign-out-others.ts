import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { apiSend } from '../../../lib/api-client.ts';
import { accountKeys } from './account-keys.ts';

// TODO(contract): the route answers `{ ended }` (server/auth/auth.routes.ts); the schema
// belongs in src/contract/auth.ts next to SessionListSchema.
const SignedOutOthersSchema = z.object({ ended: z.number() });

export function signOutOthers() {
  return apiSend('POST', '/api/auth/sign-out-others', undefined, SignedOutOthersSchema);
}

export function useSignOutOthers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOutOthers,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: accountKeys.sessions() }),
        queryClient.invalidateQueries({ queryKey: accountKeys.activity() }),
      ]),
  });
}
