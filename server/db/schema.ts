import type { Generated } from 'kysely';

/*
 * Table types. Columns are snake_case; repositories map rows to camelCase domain objects.
 * Instants are stored as ISO 8601 UTC text (`Date#toISOString`) in both dialects, so they
 * sort correctly as text and read the same from SQLite and PostgreSQL. Booleans are 0/1.
 */

export interface ClinicsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  short_name: string;
  theme_color: string;
  background_color: string;
  time_zone: string;
  /** JSON array of regimes, e.g. ["gdpr","ccpa"]. */
  regimes: string;
  contact_email: string;
  is_open_registration: number;
  created_at: string;
}

export interface PoliciesTable {
  id: Generated<number>;
  clinic_id: number;
  /** The policy's public id, unique within its clinic (e.g. "clinic-privacy"). */
  slug: string;
  kind: string;
  title: string;
  role: string;
  publisher: string;
  created_at: string;
}

export interface PolicyVersionsTable {
  id: Generated<number>;
  policy_id: number;
  version: number;
  published_at: string;
  effective_at: string;
  summary: string;
  /** JSON array of { id, heading, text }. */
  sections: string;
}

/** Deployment-wide settings, such as the VAPID key pair generated on first start. */
export interface SettingsTable {
  key: string;
  value: string;
}

export interface DatabaseSchema {
  clinics: ClinicsTable;
  policies: PoliciesTable;
  policy_versions: PolicyVersionsTable;
  settings: SettingsTable;
}
