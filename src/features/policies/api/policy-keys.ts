export const policyKeys = {
  all: (clinic: string) => ['policies', clinic] as const,
  list: (clinic: string) => [...policyKeys.all(clinic), 'list'] as const,
  versions: (clinic: string, policyId: string) =>
    [...policyKeys.all(clinic), policyId, 'versions'] as const,
  version: (clinic: string, policyId: string, version: number) =>
    [...policyKeys.versions(clinic, policyId), version] as const,
  diff: (clinic: string, policyId: string, from: number, to: number) =>
    [...policyKeys.all(clinic), policyId, 'diff', { from, to }] as const,
};
