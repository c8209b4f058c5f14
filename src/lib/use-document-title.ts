import { useEffect } from 'react';

/** One title per screen, so a screen reader and the task switcher say where the owner is. */
export function useDocumentTitle(...parts: Array<string | undefined>): void {
  const title = parts.filter(Boolean).join(' – ');
  useEffect(() => {
    if (title) document.title = title;
  }, [title]);
}
