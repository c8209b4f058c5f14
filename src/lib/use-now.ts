import { useState } from 'react';

/** The time when the component mounted: stable across renders, as rendering must be. */
export function useNow(): number {
  const [now] = useState(() => Date.now());
  return now;
}
