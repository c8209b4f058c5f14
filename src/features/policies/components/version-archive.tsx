import { Link } from 'react-router';
import type { PolicySummary, PolicyVersionListItem } from '../../../contract/policy.ts';
import { Badge, type BadgeTone } from '../../../components/ui/badge.tsx';
import { SavedCopyNote } from '../../../components/ui/saved-copy-note.tsx';
import { VisuallyHidden } from '../../../components/ui/visually-hidden.tsx';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { paths } from '../../../lib/paths.ts';
import { usePolicyVersions } from '../api/get-policy-versions.ts';

type Standing = 'current' | 'upcoming' | 'past';

function standingOf(policy: PolicySummary, version: number): Standing {
  if (version === policy.current.version) return 'current';
  return version > policy.current.version ? 'upcoming' : 'past';
}

const standingTone: Record<Standing, BadgeTone> = {
  current: 'accent',
  upcoming: 'changed',
  past: 'neutral',
};

/** Every published version, newest first, as the clinic's policy promises an archive. */
export function VersionArchive({ clinic, policy }: { clinic: string; policy: PolicySummary }) {
  const { t, formatDate } = useT();
  const { data: fetched } = usePolicyVersions(clinic, policy.id);
  const versions = [...fetched.data].sort((a, b) => b.version - a.version);
  const standingLabel: Record<Standing, string> = {
    current: t('archive.current'),
    upcoming: t('archive.upcoming'),
    past: t('archive.past'),
  };

  return (
    <article className="archive">
      <p className="back-link">
        <Link to={paths.policy(clinic, policy.id)}>
          <span aria-hidden="true">←</span>
          {t('archive.back')}
        </Link>
      </p>
      <h1>
        {t('archive.title')}{' '}
        <span className="h1-sub">{t('archive.of', { title: policy.title })}</span>
      </h1>
      <p className="lead">{t('archive.intro')}</p>
      <SavedCopyNote isFromCache={fetched.isFromCache} fetchedAt={fetched.fetchedAt} />
      <ol className="version-list">
        {versions.map((item: PolicyVersionListItem, index) => {
          const standing = standingOf(policy, item.version);
          const previous = versions[index + 1];
          return (
            <li key={item.version} className="card version-card">
              <div className="version-card__head">
                <h2>{t('archive.version', { version: item.version })}</h2>
                <Badge tone={standingTone[standing]}>{standingLabel[standing]}</Badge>
              </div>
              <dl className="version-card__dates">
                <div>
                  <dt>{t('archive.published')}</dt>
                  <dd>{formatDate(item.publishedAt)}</dd>
                </div>
                <div>
                  <dt>{t('archive.effective')}</dt>
                  <dd>{formatDate(item.effectiveAt)}</dd>
                </div>
              </dl>
              {item.summary ? <p className="version-card__summary">{item.summary}</p> : null}
              <p className="version-card__actions">
                <Link
                  className="button button--secondary"
                  to={paths.version(clinic, policy.id, item.version)}
                >
                  {t('archive.read', { version: item.version })}
                </Link>
                {previous ? (
                  <Link
                    className="text-link"
                    to={paths.diff(clinic, policy.id, previous.version, item.version)}
                  >
                    {t('archive.compare', { previous: previous.version })}
                    <VisuallyHidden>
                      {' '}
                      ({t('archive.version', { version: item.version })})
                    </VisuallyHidden>
                  </Link>
                ) : null}
              </p>
            </li>
          );
        })}
      </ol>
    </article>
  );
}
