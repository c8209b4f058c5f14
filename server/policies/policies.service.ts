import type {
  PolicyDiff,
  PolicyKind,
  PolicySummary,
  PolicyVersion,
  PolicyVersionListItem,
  PolicyVersionRef,
} from '../../src/contract/policy.ts';
import type { ClinicsService } from '../clinics/clinics.service.ts';
import type { Clock } from '../clock.ts';
import { BadRequestError, NotFoundError } from '../errors.ts';
import { diffPolicySections } from './policy-diff.ts';
import { importPolicyText } from './policy-importer.ts';
import type { PoliciesRepository, PolicyRecord } from './policies.repository.ts';

export class PolicyNotFoundError extends NotFoundError {
  constructor(policyId: string) {
    super(`This clinic has no policy called "${policyId}".`);
  }
}

export class PolicyVersionNotFoundError extends NotFoundError {
  constructor(policyId: string, version: number) {
    super(`Policy "${policyId}" has no version ${version}.`);
  }
}

type VersionHeader = PolicyVersionListItem;

const ref = (v: VersionHeader): PolicyVersionRef => ({
  version: v.version,
  publishedAt: v.publishedAt,
  effectiveAt: v.effectiveAt,
});

/**
 * Which version is in force at `now`, and which one has been announced but is not yet.
 * `versions` is newest first. A document whose first version is not yet effective shows that
 * version as current: there is nothing earlier to fall back on.
 */
export function currentAndUpcoming(
  versions: VersionHeader[],
  now: Date,
): { current: VersionHeader; upcoming: VersionHeader | null } | null {
  const at = now.toISOString();
  const inForce = versions.filter((v) => v.effectiveAt <= at);
  const pending = versions.filter((v) => v.effectiveAt > at);
  // Of the versions in force, the one that took effect last wins (not the highest number,
  // in case a correction was published with an earlier effective date).
  const current =
    inForce.reduce<VersionHeader | undefined>(
      (best, v) =>
        !best ||
        v.effectiveAt > best.effectiveAt ||
        (v.effectiveAt === best.effectiveAt && v.version > best.version)
          ? v
          : best,
      undefined,
    ) ?? versions.at(-1);
  if (!current) return null;
  const upcoming =
    pending
      .filter((v) => v !== current)
      .reduce<VersionHeader | null>(
        (soonest, v) => (!soonest || v.effectiveAt < soonest.effectiveAt ? v : soonest),
        null,
      ) ?? null;
  return { current, upcoming };
}

export interface PublishVersionInput {
  clinic: string;
  kind: PolicyKind;
  text: string;
  effectiveAt: Date;
  summary?: string | undefined;
}

export function createPoliciesService(deps: {
  clinics: ClinicsService;
  repository: PoliciesRepository;
  clock: Clock;
}) {
  const { clinics, repository, clock } = deps;

  async function requirePolicy(clinicSlug: string, policyId: string): Promise<PolicyRecord> {
    const clinic = await clinics.require(clinicSlug);
    const policy = await repository.findBySlug(clinic.id, policyId);
    if (!policy) throw new PolicyNotFoundError(policyId);
    return policy;
  }

  async function requireVersion(policy: PolicyRecord, version: number): Promise<PolicyVersion> {
    const found = await repository.findVersion(policy.id, version);
    if (!found) throw new PolicyVersionNotFoundError(policy.slug, version);
    return found;
  }

  return {
    async list(clinicSlug: string): Promise<PolicySummary[]> {
      const clinic = await clinics.require(clinicSlug);
      const policies = await repository.listForClinic(clinic.id);
      const headers = await repository.listVersionHeaders(policies.map((p) => p.id));
      const now = clock.now();
      return policies.flatMap((policy) => {
        const state = currentAndUpcoming(
          headers.filter((h) => h.policyId === policy.id),
          now,
        );
        if (!state) return [];
        return [
          {
            id: policy.slug,
            kind: policy.kind,
            title: policy.title,
            role: policy.role,
            publisher: policy.publisher,
            current: ref(state.current),
            upcoming: state.upcoming && ref(state.upcoming),
          },
        ];
      });
    },

    async versions(clinicSlug: string, policyId: string): Promise<PolicyVersionListItem[]> {
      const policy = await requirePolicy(clinicSlug, policyId);
      const headers = await repository.listVersionHeaders([policy.id]);
      return headers.map(({ policyId: _policyId, ...item }) => item);
    },

    async version(clinicSlug: string, policyId: string, version: number): Promise<PolicyVersion> {
      return requireVersion(await requirePolicy(clinicSlug, policyId), version);
    },

    async diff(
      clinicSlug: string,
      policyId: string,
      from: number,
      to: number,
    ): Promise<PolicyDiff> {
      const policy = await requirePolicy(clinicSlug, policyId);
      if (from === to) {
        throw new BadRequestError('same-version', 'Choose two different versions to compare.');
      }
      const [older, newer] = await Promise.all([
        requireVersion(policy, from),
        requireVersion(policy, to),
      ]);
      const { sections, stats } = diffPolicySections(older.sections, newer.sections);
      return { policyId: policy.slug, from: ref(older), to: ref(newer), stats, sections };
    },

    /**
     * Adds a version from a clinic's plain text. A document's first version may carry any
     * effective date (it is the clinic's history); every later one must take effect after it
     * is published, because the policy promises owners notice before a change.
     */
    async publishFromText(
      input: PublishVersionInput,
    ): Promise<PolicyVersion & { policyId: string }> {
      const clinic = await clinics.require(input.clinic);
      const policy = await repository.findByKind(clinic.id, input.kind);
      if (!policy) {
        throw new NotFoundError(`${clinic.name} has no ${input.kind} policy to add a version to.`);
      }
      let imported;
      try {
        imported = importPolicyText(input.text);
      } catch (error) {
        throw new BadRequestError('invalid-policy-text', (error as Error).message);
      }
      const now = clock.now();
      const existing = await repository.listVersionHeaders([policy.id]);
      if (existing.length > 0 && input.effectiveAt.getTime() <= now.getTime()) {
        throw new BadRequestError(
          'effective-date-too-early',
          'A new version must take effect after it is published, so that owners are told before it applies.',
        );
      }
      const version = await repository.appendVersion(policy.id, {
        publishedAt: now.toISOString(),
        effectiveAt: input.effectiveAt.toISOString(),
        summary: input.summary?.trim() || `Version ${existing.length + 1}`,
        sections: imported.sections,
      });
      return { ...version, policyId: policy.slug };
    },
  };
}

export type PoliciesService = ReturnType<typeof createPoliciesService>;
