import type { ReactNode } from 'react';

type Tone = 'info' | 'warning';

/** A calm, inline message inside the page flow (never a modal). */
export function Notice({
  tone = 'info',
  children,
  role,
}: {
  tone?: Tone;
  children: ReactNode;
  role?: 'status';
}) {
  return (
    <div className={`notice notice--${tone}`} role={role}>
      {children}
    </div>
  );
}
