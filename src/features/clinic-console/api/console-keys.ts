import type { StaffQueueQuery } from '../../../contract/requests.ts';
import { sessionKeys } from '../../../lib/private-keys.ts';

export const consoleKeys = {
  /** Under the private root: a staff member's view of owners' data is forgotten at sign-out. */
  all: (clinic: string) => [...sessionKeys.all, 'console', clinic] as const,
  queues: (clinic: string) => [...consoleKeys.all(clinic), 'queue'] as const,
  queue: (clinic: string, query: StaffQueueQuery) =>
    [...consoleKeys.queues(clinic), query] as const,
  detail: (clinic: string, id: number) => [...consoleKeys.all(clinic), 'detail', id] as const,
};
