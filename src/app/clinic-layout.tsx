import { Suspense, useEffect, type MouseEvent } from 'react';
import { Link, Outlet } from 'react-router';
import { LanguageSwitcher } from '../components/ui/language-switcher.tsx';
import { PageLoading } from '../components/ui/page-loading.tsx';
import { useClinic } from '../features/clinic/api/get-clinic.ts';
import { ClinicBrand } from '../features/clinic/components/clinic-brand.tsx';
import { useClinicLinks, useClinicTheme } from '../features/clinic/hooks/use-clinic-appearance.ts';
import { TimeZoneProvider, useT } from '../lib/i18n/i18n.tsx';
import { paths } from '../lib/paths.ts';
import { storageKeys, writeStored } from '../lib/storage.ts';
import { useScrollToTopOnNavigate } from '../lib/use-scroll-to-top.ts';
import { ConnectionStatus } from './banners/connection-status.tsx';
import { InstallBanner } from './banners/install-banner.tsx';
import { PushBanner } from './banners/push-banner.tsx';
import { UpdatePrompt } from './banners/update-prompt.tsx';
import { HeaderAccountLink } from './header-account-link.tsx';
import { useClinicSlug } from './route-params.ts';
import { RouteErrorBoundary } from './route-error-boundary.tsx';
import { useOfflinePrefetch } from './use-offline-prefetch.ts';

export const MAIN_ID = 'pawtal-main';

/** `/c/:clinic/…`: the clinic's header, banners, main landmark and footer around each page. */
export function ClinicLayout() {
  const slug = useClinicSlug();
  useScrollToTopOnNavigate();
  // From the URL alone, so the manifest link is right even before (or without) the API.
  useClinicLinks(slug);
  return (
    <Suspense fallback={<PageLoading />}>
      <ClinicShell slug={slug} />
    </Suspense>
  );
}

function ClinicShell({ slug }: { slug: string }) {
  const { t, rich } = useT();
  const { data: fetched } = useClinic(slug);
  const clinic = fetched.data;
  useClinicTheme(clinic);
  useOfflinePrefetch(slug);
  useEffect(() => writeStored(storageKeys.lastClinic, slug), [slug]);

  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    // Focus instead of following the link: the URL's #fragment belongs to policy sections.
    event.preventDefault();
    document.getElementById(MAIN_ID)?.focus();
  };

  return (
    <TimeZoneProvider timeZone={clinic.timeZone}>
      <a className="skip-link" href={`#${MAIN_ID}`} onClick={skipToMain}>
        {t('app.skipLink')}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <ClinicBrand clinic={clinic} />
          <div className="site-header__tools">
            <LanguageSwitcher />
            <HeaderAccountLink clinic={slug} />
          </div>
        </div>
      </header>
      <UpdatePrompt />
      <InstallBanner key={slug} clinic={slug} clinicName={clinic.shortName} />
      <PushBanner key={`push-${slug}`} clinic={slug} clinicName={clinic.shortName} />
      <main id={MAIN_ID} tabIndex={-1} className="site-main">
        <RouteErrorBoundary>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </RouteErrorBoundary>
      </main>
      <footer className="site-footer">
        <div className="site-footer__inner">
          <p>
            {rich('footer.contact', {
              email: <a href={`mailto:${clinic.contactEmail}`}>{clinic.contactEmail}</a>,
            })}
          </p>
          <p>
            <Link className="text-link" to={paths.publicRequest(slug)}>
              {t('footer.privacyRequest')}
            </Link>
          </p>
          <ConnectionStatus />
        </div>
      </footer>
    </TimeZoneProvider>
  );
}
