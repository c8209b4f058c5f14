import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy… and waitFor give up after this long. The default second is too short for a lazy
// route's first render while two cores also run the other test files; a slow machine should
// make a test slower, not make it fail.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
});
