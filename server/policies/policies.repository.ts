import type { Kysely, Selectable } from 'kysely';
import type {
  PolicyKind,
  PolicyRole,
  PolicySection,
  PolicyVersion,
} from '../../src/contract/policy.ts';
import type { DatabaseSchema, PoliciesTable, PolicyVersionsTable } from '../db/schema.ts';

export interface PolicyRecord {
  id: number;
  clinicId: number;
  slug: string;
  kind: PolicyKind;
  title: string;
  role: PolicyRole;
  publisher: string;
}

function toPolicy(row: Selectable<PoliciesTable>): PolicyRecord {
  return {
    id: row.id,
    clinicId: row.clinic_id,
    slug: row.slug,
    kind: row.kind as PolicyKind,
    title: row.title,
    role: row.role as PolicyRole,
    publisher: row.publisher,
  };
}

function toVersion(row: Selectable<PolicyVersionsTable>): PolicyVersion {
  return {
    version: row.version,
    publishedAt: row.published_at,
    effectiveAt: row.effective_at,
    summary: row.summary,
    sections: JSON.parse(row.sections) as PolicySection[],
  };
}

export function createPoliciesRepository(db: Kysely<DatabaseSchema>) {
  return {
    async listForClinic(clinicId: number): Promise<PolicyRecord[]> {
      const rows = await db
        .selectFrom('policies')
        .selectAll()
        .where('clinic_id', '=', clinicId)
        .orderBy('id')
        .execute();
      return rows.map(toPolicy);
    },

    async findBySlug(clinicId: number, slug: string): Promise<PolicyRecord | undefined> {
      const row = await db
        .selectFrom('policies')
        .selectAll()
        .where('clinic_id', '=', clinicId)
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row && toPolicy(row);
    },

    async findByKind(clinicId: number, kind: PolicyKind): Promise<PolicyRecord | undefined> {
      const row = await db
        .selectFrom('policies')
        .selectAll()
        .where('clinic_id', '=', clinicId)
        .where('kind', '=', kind)
        .orderBy('id')
        .executeTakeFirst();
      return row && toPolicy(row);
    },

    /** Version headers only (no sections), newest first, for every policy given. */
    async listVersionHeaders(policyIds: number[]) {
      if (policyIds.length === 0) return [];
      const rows = await db
        .selectFrom('policy_versions')
        .select(['policy_id', 'version', 'published_at', 'effective_at', 'summary'])
        .where('policy_id', 'in', policyIds)
        .orderBy('policy_id')
        .orderBy('version', 'desc')
        .execute();
      return rows.map((row) => ({
        policyId: row.policy_id,
        version: row.version,
        publishedAt: row.published_at,
        effectiveAt: row.effective_at,
        summary: row.summary,
      }));
    },

    async findVersion(policyId: number, version: number): Promise<PolicyVersion | undefined> {
      const row = await db
        .selectFrom('policy_versions')
        .selectAll()
        .where('policy_id', '=', policyId)
        .where('version', '=', version)
        .executeTakeFirst();
      return row && toVersion(row);
    },

    async insertPolicy(policy: Omit<PolicyRecord, 'id'>, createdAt: Date): Promise<PolicyRecord> {
      const row = await db
        .insertInto('policies')
        .values({
          clinic_id: policy.clinicId,
          slug: policy.slug,
          kind: policy.kind,
          title: policy.title,
          role: policy.role,
          publisher: policy.publisher,
          created_at: createdAt.toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toPolicy(row);
    },

    /**
     * Appends the next version number. The unique (policy_id, version) constraint turns a race
     * between two publishers into an error for one of them rather than two "version 3"s.
     */
    async appendVersion(
      policyId: number,
      version: Omit<PolicyVersion, 'version'>,
    ): Promise<PolicyVersion> {
      const latest = await db
        .selectFrom('policy_versions')
        .select((eb) => eb.fn.max('version').as('max'))
        .where('policy_id', '=', policyId)
        .executeTakeFirst();
      const next = Number(latest?.max ?? 0) + 1;
      const row = await db
        .insertInto('policy_versions')
        .values({
          policy_id: policyId,
          version: next,
          published_at: version.publishedAt,
          effective_at: version.effectiveAt,
          summary: version.summary,
          sections: JSON.stringify(version.sections),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toVersion(row);
    },
  };
}

export type PoliciesRepository = ReturnType<typeof createPoliciesRepository>;
