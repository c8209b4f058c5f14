import type { Clinic } from '../../src/contract/clinic.ts';
import { NotFoundError } from '../errors.ts';
import type { ClinicRecord, ClinicsRepository } from './clinics.repository.ts';

export class ClinicNotFoundError extends NotFoundError {
  constructor(slug: string) {
    super(`There is no clinic called "${slug}" here.`);
  }
}

export function toPublicClinic(clinic: ClinicRecord): Clinic {
  return {
    slug: clinic.slug,
    name: clinic.name,
    shortName: clinic.shortName,
    themeColor: clinic.themeColor,
    backgroundColor: clinic.backgroundColor,
    timeZone: clinic.timeZone,
    regimes: clinic.regimes,
    contactEmail: clinic.contactEmail,
  };
}

export function createClinicsService(repository: ClinicsRepository) {
  return {
    async require(slug: string): Promise<ClinicRecord> {
      const clinic = await repository.findBySlug(slug);
      if (!clinic) throw new ClinicNotFoundError(slug);
      return clinic;
    },

    find: (slug: string) => repository.findBySlug(slug),
  };
}

export type ClinicsService = ReturnType<typeof createClinicsService>;
