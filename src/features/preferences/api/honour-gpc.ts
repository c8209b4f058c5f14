import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiSend } from '../../../lib/api-client.ts';
import { preferenceKeys } from './preference-keys.ts';

/** Global Privacy Control (https://privacycg.github.io/gpc-spec/): not in TypeScript's DOM lib yet. */
export function hasGpcSignal(nav: Navigator = navigator): boolean {
  return (nav as Navigator & { globalPrivacyControl?: unknown }).globalPrivacyControl === true;
}

const SENT_KEY = 'pawtal:gpc-sent';

function wasSentThisSession(): boolean {
  try {
    return window.sessionStorage.getItem(SENT_KEY) === '1';
  } catch {
    return false;
  }
}

function markSent(): void {
  try {
    window.sessionStorage.setItem(SENT_KEY, '1');
  } catch {
    // Without storage the signal is sent once per page load instead; the server records it once.
  }
}

export function honourGpc() {
  return apiSend('POST', '/api/me/gpc', undefined, null);
}

/**
 * The browser says "do not sell or share": tell the server once per browsing session, which
 * switches partner offers off and records it in the consent history (PRIVACY-RULES.md).
 */
export function useHonourGpc(): { isHonoured: boolean } {
  const queryClient = useQueryClient();
  const { mutate, isSuccess } = useMutation({
    mutationKey: preferenceKeys.gpc(),
    mutationFn: honourGpc,
    onSuccess: async () => {
      markSent();
      await queryClient.invalidateQueries({ queryKey: preferenceKeys.all() });
    },
  });
  useEffect(() => {
    if (hasGpcSignal() && !wasSentThisSession()) mutate();
  }, [mutate]);
  return { isHonoured: isSuccess };
}
