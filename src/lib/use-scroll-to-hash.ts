import { useEffect } from 'react';
import { useLocation } from 'react-router';

/**
 * Scrolls to `#id` once the element exists. The browser tries only at load time, before the
 * document has arrived from the API (or from the offline cache), so a deep link would
 * otherwise land at the top.
 */
export function useScrollToHash(isReady: boolean): void {
  const { hash, key } = useLocation();
  useEffect(() => {
    if (!isReady || hash.length < 2) return;
    let id: string;
    try {
      id = decodeURIComponent(hash.slice(1));
    } catch {
      return;
    }
    const target = document.getElementById(id);
    // 'instant': a smooth scroll over a long document is easily cut short by late layout
    // changes, and arriving at a deep link is not an animation. (Missing in jsdom.)
    target?.scrollIntoView?.({ block: 'start', behavior: 'instant' });
  }, [isReady, hash, key]);
}
