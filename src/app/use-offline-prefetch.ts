import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { clinicQueryOptions } from '../features/clinic/api/get-clinic.ts';
import { policiesQueryOptions } from '../features/policies/api/get-policies.ts';
import { policyVersionQueryOptions } from '../features/policies/api/get-policy-version.ts';
import { warmCache } from '../lib/api-client.ts';
import { useSwUpdate } from '../lib/use-sw-update.ts';

/**
 * After one online visit, the clinic and each document in effect must open offline. The
 * service worker caches what passes through it, so we fetch them here; and once more when a
 * worker first takes control, because the requests of the very first visit went around it.
 */
export function useOfflinePrefetch(clinic: string): void {
  const queryClient = useQueryClient();
  const { controllerChanges } = useSwUpdate();

  useEffect(() => {
    let isCancelled = false;
    const throughNewWorker = controllerChanges > 0 ? { staleTime: 0 } : {};
    void (async () => {
      // The browser fetched the manifest and icons before the worker controlled the page.
      if (controllerChanges > 0) {
        await warmCache([
          `/c/${clinic}/manifest.webmanifest`,
          `/c/${clinic}/icons/icon.svg`,
          `/c/${clinic}/icons/icon-192.png`,
          `/c/${clinic}/icons/apple-touch-icon.png`,
        ]);
      }
      await queryClient.prefetchQuery({ ...clinicQueryOptions(clinic), ...throughNewWorker });
      await queryClient.prefetchQuery({ ...policiesQueryOptions(clinic), ...throughNewWorker });
      const list = queryClient.getQueryData(policiesQueryOptions(clinic).queryKey);
      if (!list || isCancelled) return;
      await Promise.all(
        list.data.map((policy) =>
          queryClient.prefetchQuery({
            ...policyVersionQueryOptions(clinic, policy.id, policy.current.version),
            ...throughNewWorker,
          }),
        ),
      );
    })();
    return () => {
      isCancelled = true;
    };
  }, [clinic, controllerChanges, queryClient]);
}
