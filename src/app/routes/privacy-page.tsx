import '../../styles/account.css';
import '../../styles/requests.css';
import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import type { Clinic } from '../../contract/clinic.ts';
import type { User } from '../../contract/auth.ts';
import { useClinic } from '../../features/clinic/api/get-clinic.ts';
import { paths } from '../../lib/paths.ts';
import { useMe } from '../../lib/session.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useClinicSlug } from '../route-params.ts';

/**
 * The frame of the owner's privacy screens: signed in (a 401 sends the owner to sign in and
 * back), to this clinic, age confirmed; then a back link, the title and the screen itself.
 */
export function PrivacyPage({
  title,
  lead,
  back,
  children,
}: {
  title: string;
  lead?: ReactNode;
  back: { to: (clinic: string) => string; label: string };
  children: (context: { user: User; clinic: Clinic; slug: string }) => ReactNode;
}) {
  const slug = useClinicSlug();
  const clinic = useClinic(slug).data.data;
  const user = useMe().data.data;
  const { pathname } = useLocation();
  useDocumentTitle(title, clinic.name);
  if (user.clinic !== slug) return <Navigate replace to={paths.account(user.clinic)} />;
  if (!user.ageConfirmed) return <Navigate replace to={paths.confirmAge(slug, pathname)} />;
  // Staff file nothing here (the API answers 403 owners-only): they answer requests instead.
  if (user.role !== 'owner') return <Navigate replace to={paths.console(slug)} />;
  return (
    <div className="privacy-page">
      <p className="back-link">
        <Link to={back.to(slug)}>
          <span aria-hidden="true">←</span> {back.label}
        </Link>
      </p>
      <h1>{title}</h1>
      {lead ? <div className="lead">{lead}</div> : null}
      {children({ user, clinic, slug })}
    </div>
  );
}

export function useClinicName(): string {
  const slug = useClinicSlug();
  return useClinic(slug).data.data.name;
}
