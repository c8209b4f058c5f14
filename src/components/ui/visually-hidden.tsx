import type { ReactNode } from 'react';

/** Read by screen readers, not shown: for cues that the layout already makes visible. */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="visually-hidden">{children}</span>;
}
