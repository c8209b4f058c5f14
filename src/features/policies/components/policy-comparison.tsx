import { Suspense, useId, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import {
  PolicyDiffQuerySchema,
  type PolicySummary,
  type SectionChange,
} from '../../../contract/policy.ts';
import { Badge, type BadgeTone } from '../../../components/ui/badge.tsx';
import { Notice } from '../../../components/ui/notice.tsx';
import { PageLoading } from '../../../components/ui/page-loading.tsx';
import { SavedCopyNote } from '../../../components/ui/saved-copy-note.tsx';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { paths } from '../../../lib/paths.ts';
import { usePolicyDiff } from '../api/get-policy-diff.ts';
import { usePolicyVersions } from '../api/get-policy-versions.ts';
import { DiffParts } from './diff-parts.tsx';
import { VersionPicker } from './version-picker.tsx';

/** `…/diff?from=N&to=M`: what changed between two versions, section by section. */
export function PolicyComparison({ clinic, policy }: { clinic: string; policy: PolicySummary }) {
  const { t } = useT();
  const { data: fetchedVersions } = usePolicyVersions(clinic, policy.id);
  const versions = [...fetchedVersions.data].sort((a, b) => a.version - b.version);
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = PolicyDiffQuerySchema.safeParse({
    from: searchParams.get('from') ?? undefined,
    to: searchParams.get('to') ?? undefined,
  });

  const header = (
    <>
      <p className="back-link">
        <Link to={paths.policy(clinic, policy.id)}>
          <span aria-hidden="true">←</span>
          {t('archive.back')}
        </Link>
      </p>
      <h1>
        {t('diff.title')} <span className="h1-sub">{t('diff.of', { title: policy.title })}</span>
      </h1>
    </>
  );

  const latest = versions.at(-1);
  const previous = versions.at(-2);
  if (!latest || !previous) {
    return (
      <article className="comparison">
        {header}
        <Notice>
          <p>{t('diff.singleVersion')}</p>
        </Notice>
      </article>
    );
  }
  if (!requested.success) {
    // Without a choice, compare the two newest versions, and say so in the address.
    return (
      <Navigate replace to={paths.diff(clinic, policy.id, previous.version, latest.version)} />
    );
  }

  const { from, to } = requested.data;
  const missing = [from, to].find((v) => !versions.some((item) => item.version === v));
  return (
    <article className="comparison">
      {header}
      <VersionPicker
        versions={versions}
        from={missing === undefined ? from : previous.version}
        to={missing === undefined ? to : latest.version}
        onCompare={(nextFrom, nextTo) =>
          setSearchParams({ from: String(nextFrom), to: String(nextTo) })
        }
      />
      {missing !== undefined ? (
        <Notice>
          <p>{t('reader.versionNotFound', { version: missing })}</p>
        </Notice>
      ) : from === to ? (
        <Notice>
          <p>{t('diff.sameVersion')}</p>
        </Notice>
      ) : (
        <Suspense fallback={<PageLoading />}>
          <DiffResult clinic={clinic} policyId={policy.id} from={from} to={to} />
        </Suspense>
      )}
    </article>
  );
}

const statusTone: Record<SectionChange['status'], BadgeTone> = {
  added: 'added',
  removed: 'removed',
  changed: 'changed',
  unchanged: 'neutral',
};

function DiffResult({
  clinic,
  policyId,
  from,
  to,
}: {
  clinic: string;
  policyId: string;
  from: number;
  to: number;
}) {
  const { t, rich, formatDate } = useT();
  const toggleId = useId();
  const { data: fetched } = usePolicyDiff(clinic, policyId, from, to);
  const diff = fetched.data;
  const [isOnlyChanged, setOnlyChanged] = useState(true);
  const shown = isOnlyChanged
    ? diff.sections.filter((s) => s.status !== 'unchanged')
    : diff.sections;
  const statusLabel: Record<SectionChange['status'], string> = {
    added: t('diff.statusAdded'),
    removed: t('diff.statusRemoved'),
    changed: t('diff.statusChanged'),
    unchanged: t('diff.statusUnchanged'),
  };

  return (
    <div className="diff">
      <SavedCopyNote isFromCache={fetched.isFromCache} fetchedAt={fetched.fetchedAt} />
      <p className="lead">
        {t('diff.summary', {
          from: diff.from.version,
          fromDate: formatDate(diff.from.effectiveAt),
          to: diff.to.version,
          toDate: formatDate(diff.to.effectiveAt),
        })}
      </p>
      <p className="diff__stats">{t('diff.stats', { ...diff.stats })}</p>
      <p className="diff__legend">
        {rich('diff.legend', {
          added: <span className="legend-ins">{t('diff.legendAdded')}</span>,
          removed: <span className="legend-del">{t('diff.legendRemoved')}</span>,
        })}
      </p>
      <div className="checkbox">
        <input
          id={toggleId}
          type="checkbox"
          checked={isOnlyChanged}
          onChange={(event) => setOnlyChanged(event.target.checked)}
        />
        <label htmlFor={toggleId}>{t('diff.onlyChanged')}</label>
      </div>

      {shown.length === 0 ? (
        <Notice>
          <p>{t('diff.noChanges')}</p>
        </Notice>
      ) : null}
      {shown.map((section) => (
        <section key={section.id} className={`diff-section diff-section--${section.status}`}>
          <div className="diff-section__head">
            <h2>
              {section.headingParts.length > 0 ? (
                <DiffParts parts={section.headingParts} />
              ) : (
                section.heading
              )}
            </h2>
            <Badge tone={statusTone[section.status]}>{statusLabel[section.status]}</Badge>
          </div>
          {section.parts.length > 0 ? (
            <div className="diff-text">
              <DiffParts parts={section.parts} />
            </div>
          ) : (
            <p className="muted">{t('diff.unchangedSection')}</p>
          )}
        </section>
      ))}
    </div>
  );
}
