import { useT } from '../../lib/i18n/i18n.tsx';

export function PageLoading() {
  const { t } = useT();
  return (
    <p className="page-loading" role="status">
      <span className="page-loading__spinner" aria-hidden="true" />
      {t('app.loading')}
    </p>
  );
}
