import type { Kysely, Selectable } from 'kysely';
import type { Clinic, Regime } from '../../src/contract/clinic.ts';
import type { ClinicsTable, DatabaseSchema } from '../db/schema.ts';

/** A clinic as the server knows it: the public view plus what only the server needs. */
export interface ClinicRecord extends Clinic {
  id: number;
  isOpenRegistration: boolean;
}

function toClinic(row: Selectable<ClinicsTable>): ClinicRecord {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    shortName: row.short_name,
    themeColor: row.theme_color,
    backgroundColor: row.background_color,
    timeZone: row.time_zone,
    regimes: JSON.parse(row.regimes) as Regime[],
    contactEmail: row.contact_email,
    isOpenRegistration: row.is_open_registration === 1,
  };
}

export type NewClinic = Omit<ClinicRecord, 'id'>;

export function createClinicsRepository(db: Kysely<DatabaseSchema>) {
  return {
    async findBySlug(slug: string): Promise<ClinicRecord | undefined> {
      const row = await db
        .selectFrom('clinics')
        .selectAll()
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row && toClinic(row);
    },

    async listSlugs(): Promise<string[]> {
      const rows = await db.selectFrom('clinics').select('slug').orderBy('id').execute();
      return rows.map((r) => r.slug);
    },

    async first(): Promise<ClinicRecord | undefined> {
      const row = await db
        .selectFrom('clinics')
        .selectAll()
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      return row && toClinic(row);
    },

    async insert(clinic: NewClinic, createdAt: Date): Promise<ClinicRecord> {
      const row = await db
        .insertInto('clinics')
        .values({
          slug: clinic.slug,
          name: clinic.name,
          short_name: clinic.shortName,
          theme_color: clinic.themeColor,
          background_color: clinic.backgroundColor,
          time_zone: clinic.timeZone,
          regimes: JSON.stringify(clinic.regimes),
          contact_email: clinic.contactEmail,
          is_open_registration: clinic.isOpenRegistration ? 1 : 0,
          created_at: createdAt.toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toClinic(row);
    },
  };
}

export type ClinicsRepository = ReturnType<typeof createClinicsRepository>;
