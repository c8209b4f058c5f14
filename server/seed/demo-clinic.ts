import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createAuthRepository } from '../auth/auth.repository.ts';
import { createClinicsRepository, type NewClinic } from '../clinics/clinics.repository.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { createPoliciesRepository } from '../policies/policies.repository.ts';
import { importPolicyText } from '../policies/policy-importer.ts';
import { parseLocalDate, startOfLocalDay } from '../lib/zoned-time.ts';

export const demoClinic: NewClinic = {
  slug: 'dr-kim',
  name: "Dr. Kim's Veterinary Clinic",
  shortName: 'Dr. Kim',
  themeColor: '#1b6b5f',
  backgroundColor: '#f7faf9',
  // ../shared/API.md: the demo clinic runs under both regimes, in Los Angeles.
  timeZone: 'America/Los_Angeles',
  regimes: ['gdpr', 'ccpa'],
  contactEmail: 'privacy@dr-kim.example',
  isOpenRegistration: true,
};

export const DEMO_STAFF_EMAIL = 'frontdesk@dr-kim.example';

const seedFile = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/**
 * Seeds the demo clinic once: the clinic, and its two documents as version 1 each, imported
 * by the same importer a clinic uses. Safe to call at every start, and from several instances
 * at once (a unique slug makes a second seeder's insert fail, and the transaction roll back).
 */
export async function seedDemoClinic(database: Database, clock: Clock): Promise<boolean> {
  const clinics = createClinicsRepository(database.kysely);
  if (await clinics.findBySlug(demoClinic.slug)) return false;

  const [clinicText, vendorText] = await Promise.all([
    fs.readFile(seedFile('./clinic-privacy-policy.txt'), 'utf8'),
    fs.readFile(seedFile('./vendor-privacy-policy.txt'), 'utf8'),
  ]);
  const clinicPolicy = importPolicyText(clinicText);
  const vendorPolicy = importPolicyText(vendorText);
  const now = clock.now();

  // A text that states its date ("Update: April 7, 2020") has been in force since the start of
  // that day in the clinic's zone; one that does not (the vendor's) counts from its import.
  const effectiveFrom = (updatedOn: string | null): Date => {
    const date = updatedOn ? parseLocalDate(updatedOn) : null;
    return date ? startOfLocalDay(date, demoClinic.timeZone) : now;
  };
  const clinicEffective = effectiveFrom(clinicPolicy.updatedOn);
  const vendorEffective = effectiveFrom(vendorPolicy.updatedOn);

  try {
    await database.kysely.transaction().execute(async (trx) => {
      const clinic = await createClinicsRepository(trx).insert(demoClinic, now);
      const policies = createPoliciesRepository(trx);
      const own = await policies.insertPolicy(
        {
          clinicId: clinic.id,
          slug: 'clinic-privacy',
          kind: 'clinic',
          title: 'Privacy Policy',
          role: 'controller',
          publisher: clinic.name,
        },
        now,
      );
      await policies.appendVersion(own.id, {
        publishedAt: clinicEffective.toISOString(),
        effectiveAt: clinicEffective.toISOString(),
        summary: 'The privacy policy as updated on April 7, 2020.',
        sections: clinicPolicy.sections,
      });
      const vendor = await policies.insertPolicy(
        {
          clinicId: clinic.id,
          slug: 'vendor-privacy',
          kind: 'vendor',
          title: 'Kontak Privacy Policy',
          role: 'processor',
          publisher: 'Kontak',
        },
        now,
      );
      // The demo's front desk: `npm start` prints how to sign in as them.
      await createAuthRepository(trx).insertUser(
        {
          clinicId: clinic.id,
          role: 'admin',
          email: DEMO_STAFF_EMAIL,
          name: 'Front desk',
          isAgeConfirmed: true,
        },
        now,
      );
      await policies.appendVersion(vendor.id, {
        publishedAt: vendorEffective.toISOString(),
        effectiveAt: vendorEffective.toISOString(),
        summary: "Kontak's privacy policy, as the clinic's software vendor.",
        sections: vendorPolicy.sections,
      });
    });
  } catch (error) {
    // Another instance seeded it first.
    if (await clinics.findBySlug(demoClinic.slug)) return false;
    throw error;
  }
  return true;
}
