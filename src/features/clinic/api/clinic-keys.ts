export const clinicKeys = {
  all: ['clinic'] as const,
  detail: (clinic: string) => [...clinicKeys.all, clinic] as const,
};
