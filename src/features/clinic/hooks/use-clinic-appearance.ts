import { useEffect } from 'react';
import type { Clinic } from '../../../contract/clinic.ts';
import { applyClinicTheme, ensureClinicLinks } from '../lib/clinic-head.ts';

export function useClinicLinks(clinic: string): void {
  useEffect(() => ensureClinicLinks(document, clinic), [clinic]);
}

export function useClinicTheme(clinic: Clinic): void {
  useEffect(() => applyClinicTheme(document, clinic), [clinic]);
}
