import {
  useMutation,
  useMutationState,
  useQueryClient,
  type MutateOptions,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import {
  CreateRequestSchema,
  PrivacyRequestSchema,
  type CreateRequest,
  type PrivacyRequest,
  type RequestType,
} from '../../../contract/requests.ts';
import { apiSend } from '../../../lib/api-client.ts';
import { requestKeys } from './request-keys.ts';

/** 201 with the receipt. Variables may come from storage (a filing queued in an earlier visit). */
export function fileRequest(variables: unknown) {
  return apiSend(
    'POST',
    '/api/me/requests',
    CreateRequestSchema.parse(variables),
    PrivacyRequestSchema,
  );
}

/**
 * A new filing's id: 32 hex digits. getRandomValues, not randomUUID, because the latter exists
 * only in secure contexts and the app may be opened over plain HTTP on a clinic's network.
 */
export function newClientRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Files a request. Its function, network mode and retries come from the defaults in
 * request-filing.ts, so that offline it waits on the phone, even across a reload.
 *
 * `file()` gives each filing its id once, here, in the mutation's variables: those are what a
 * retry and a resume after a reload send again, so a filing whose answer was lost is not filed
 * twice (the server returns the request it already has).
 */
export function useFileRequest() {
  const mutation = useMutation<PrivacyRequest, Error, CreateRequest>({
    mutationKey: requestKeys.file(),
  });
  const { mutate } = mutation;
  const file = useCallback(
    (
      request: Omit<CreateRequest, 'clientRequestId'>,
      options?: MutateOptions<PrivacyRequest, Error, CreateRequest>,
    ) => mutate({ ...request, clientRequestId: newClientRequestId() }, options),
    [mutate],
  );
  return { ...mutation, file };
}

export interface Filing {
  mutationId: number;
  type: RequestType | null;
  /** Offline, or waiting to try again after a failed try: not received by the clinic. */
  isQueued: boolean;
  /** On its way now. */
  isSending: boolean;
}

function typeOf(variables: unknown): RequestType | null {
  const parsed = CreateRequestSchema.safeParse(variables);
  return parsed.success ? parsed.data.type : null;
}

/** Requests filed on this phone that the server has not confirmed yet, oldest first. */
export function usePendingFilings(): Filing[] {
  return useMutationState({
    filters: { mutationKey: requestKeys.file(), status: 'pending' },
    select: (mutation) => {
      const isQueued = mutation.state.isPaused || mutation.state.failureCount > 0;
      return {
        mutationId: mutation.mutationId,
        type: typeOf(mutation.state.variables),
        isQueued,
        isSending: !isQueued,
      };
    },
  });
}

export interface FailedFiling {
  mutationId: number;
  type: RequestType | null;
  error: unknown;
}

/** Refused filings (a third access request, say), until the owner dismisses them. */
export function useFailedFilings(): FailedFiling[] {
  return useMutationState({
    filters: { mutationKey: requestKeys.file(), status: 'error' },
    select: (mutation) => ({
      mutationId: mutation.mutationId,
      type: typeOf(mutation.state.variables),
      error: mutation.state.error,
    }),
  });
}

/** Receipts of requests filed in this visit (one that waited offline included). */
export function useFiledReceipts(): Array<{ mutationId: number; receipt: PrivacyRequest }> {
  const receipts = useMutationState({
    filters: { mutationKey: requestKeys.file(), status: 'success' },
    select: (mutation) => {
      const parsed = PrivacyRequestSchema.safeParse(mutation.state.data);
      return parsed.success ? { mutationId: mutation.mutationId, receipt: parsed.data } : null;
    },
  });
  return receipts.filter((r) => r !== null);
}

/** Forgets finished filings (receipts read, refusals understood). */
export function useDismissFilings(): (mutationIds: number[]) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (mutationIds) => {
      const cache = queryClient.getMutationCache();
      for (const mutation of cache.findAll({ mutationKey: requestKeys.file() })) {
        if (mutationIds.includes(mutation.mutationId)) cache.remove(mutation);
      }
    },
    [queryClient],
  );
}
