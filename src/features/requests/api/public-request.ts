import { useMutation } from '@tanstack/react-query';
import {
  PublicRequestReceiptSchema,
  PublicRequestStatusSchema,
  type PublicRequest,
} from '../../../contract/requests.ts';
import { apiSend } from '../../../lib/api-client.ts';

const base = (clinic: string) => `/api/clinics/${encodeURIComponent(clinic)}/requests`;

/** 202 with a receipt; the answer is the same whether or not the clinic holds the contact. */
export function filePublicRequest(clinic: string, request: PublicRequest) {
  return apiSend('POST', base(clinic), request, PublicRequestReceiptSchema);
}

/** The code sent to the contact the clinic holds proves who is asking. */
export function verifyPublicRequest(clinic: string, id: number, code: string) {
  return apiSend('POST', `${base(clinic)}/${id}/identity`, { code }, PublicRequestStatusSchema);
}

export function resendPublicRequestCode(clinic: string, id: number) {
  return apiSend('POST', `${base(clinic)}/${id}/identity/code`, undefined, null);
}

/*
 * Not queued offline like an owner's request: without an account there is nowhere to show a
 * queued request later, so offline it fails at once and says so.
 */
export function useFilePublicRequest(clinic: string) {
  return useMutation({
    mutationFn: (request: PublicRequest) => filePublicRequest(clinic, request),
  });
}

export function useVerifyPublicRequest(clinic: string) {
  return useMutation({
    mutationFn: ({ id, code }: { id: number; code: string }) =>
      verifyPublicRequest(clinic, id, code),
  });
}

export function useResendPublicRequestCode(clinic: string) {
  return useMutation({ mutationFn: (id: number) => resendPublicRequestCode(clinic, id) });
}
