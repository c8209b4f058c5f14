import { Link, useParams } from 'react-router';
import { paths } from '../lib/paths.ts';
import { MAIN_ID } from './clinic-layout.tsx';
import { useT } from '../lib/i18n/i18n.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';

/** An address no route knows. `isStandalone` pages (outside a clinic) bring their own <main>. */
export function NotFoundPage({ isStandalone = false }: { isStandalone?: boolean }) {
  const { t } = useT();
  const { clinic } = useParams();
  useDocumentTitle(t('notFound.title'));
  const content = (
    <div className="route-error">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link className="text-link" to={clinic ? paths.clinic(clinic) : '/'}>
          {t('error.home')}
        </Link>
      </p>
    </div>
  );
  return isStandalone ? (
    <main id={MAIN_ID} tabIndex={-1} className="site-main site-main--bare">
      {content}
    </main>
  ) : (
    content
  );
}
