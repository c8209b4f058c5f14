import { sessionKeys } from '../../../lib/private-keys.ts';

export const updateKeys = {
  /** The inbox: this device's copy, plus the owner's from the server when signed in. */
  inbox: (clinic: string, isSignedIn: boolean) =>
    isSignedIn
      ? ([...sessionKeys.all, 'updates', 'inbox', clinic] as const)
      : (['push', 'local-inbox', clinic] as const),
  /** The signed-in owner's push devices: private, forgotten on sign-out. */
  devices: () => [...sessionKeys.all, 'updates', 'devices'] as const,
  /** This browser's push endpoint, to mark "this device". */
  thisEndpoint: () => ['push', 'this-endpoint'] as const,
  /** The clinic's sent updates (staff): private to the staff member's session. */
  sent: (clinic: string) => [...sessionKeys.all, 'updates', 'sent', clinic] as const,
  progress: (clinic: string, id: number) =>
    [...sessionKeys.all, 'updates', 'sent', clinic, 'progress', id] as const,
};
