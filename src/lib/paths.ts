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
  clinicIcon: (clinic: string) => `/c/${seg(clinic)}/icons/icon.svg`,
  clinicManifest: (clinic: string) => `/c/${seg(clinic)}/manifest.webmanifest`,
  clinicTouchIcon: (clinic: string) => `/c/${seg(clinic)}/icons/apple-touch-icon.png`,
} as const;
