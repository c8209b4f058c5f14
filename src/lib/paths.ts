/** Every in-app address, so that links in features and routes in app/router.tsx agree. */
const seg = encodeURIComponent;

export const paths = {
  clinic: (clinic: string) => `/c/${seg(clinic)}/`,
  policy: (clinic: string, policyId: string) => `/c/${seg(clinic)}/policies/${seg(policyId)}`,
  versions: (clinic: string, policyId: string) =>
    `/c/${seg(clinic)}/policies/${seg(policyId)}/versions`,
  version: (clinic: string, policyId: string, version: number) =>
    `/c/${seg(clinic)}/policies/${seg(policyId)}/versions/${version}`,
  diff: (clinic: string, policyId: string, from?: number, to?: number) => {
    const base = `/c/${seg(clinic)}/policies/${seg(policyId)}/diff`;
    return from !== undefined && to !== undefined ? `${base}?from=${from}&to=${to}` : base;
  },
  signIn: (clinic: string, next?: string) =>
    `/c/${seg(clinic)}/sign-in${next ? `?next=${seg(next)}` : ''}`,
  confirmAge: (clinic: string, next?: string) =>
    `/c/${seg(clinic)}/sign-in/age${next ? `?next=${seg(next)}` : ''}`,
  account: (clinic: string) => `/c/${seg(clinic)}/account`,
  preferences: (clinic: string) => `/c/${seg(clinic)}/account/preferences`,
  consentHistory: (clinic: string) => `/c/${seg(clinic)}/account/preferences/history`,
  unsubscribe: (clinic: string, token: string) => `/c/${seg(clinic)}/unsubscribe/${seg(token)}`,
  privacyRights: (clinic: string) => `/c/${seg(clinic)}/account/privacy`,
  privacyRequests: (clinic: string) => `/c/${seg(clinic)}/account/privacy/requests`,
  privacyRequest: (clinic: string, requestId: string | number) =>
    `/c/${seg(clinic)}/account/privacy/requests/${seg(String(requestId))}`,
  downloadData: (clinic: string) => `/c/${seg(clinic)}/account/privacy/download`,
  deleteAccount: (clinic: string) => `/c/${seg(clinic)}/account/privacy/delete`,
  /** Public: a person without an account, or an authorized agent, files a request here. */
  publicRequest: (clinic: string) => `/c/${seg(clinic)}/privacy-request`,
  console: (clinic: string) => `/c/${seg(clinic)}/console`,
  consoleRequest: (clinic: string, requestId: string | number) =>
    `/c/${seg(clinic)}/console/requests/${seg(String(requestId))}`,
  /** The in-app inbox of clinic updates; `#update-<id>` marks one (the notification's target). */
  updates: (clinic: string) => `/c/${seg(clinic)}/updates`,
  devices: (clinic: string) => `/c/${seg(clinic)}/account/devices`,
  consoleUpdates: (clinic: string) => `/c/${seg(clinic)}/console/updates`,
  clinicIcon: (clinic: string) => `/c/${seg(clinic)}/icons/icon.svg`,
  clinicManifest: (clinic: string) => `/c/${seg(clinic)}/manifest.webmanifest`,
  clinicTouchIcon: (clinic: string) => `/c/${seg(clinic)}/icons/apple-touch-icon.png`,
} as const;

/**
 * Where to go after signing in: only a page of the same clinic, so a crafted link cannot
 * send the owner elsewhere (an open redirect).
 */
export function safeNext(clinic: string, next: string | null): string {
  const home = paths.account(clinic);
  if (!next) return home;
  const prefix = `/c/${seg(clinic)}/`;
  const isSameClinic = next.startsWith(prefix) && !next.includes('//') && !next.includes('\\');
  // Back to the sign-in page itself would ask again for what was just given.
  return isSameClinic && !next.startsWith(`${prefix}sign-in`) ? next : home;
}
