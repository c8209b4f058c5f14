import { Navigate } from 'react-router';
import { SlugSchema } from '../contract/common.ts';
import { paths } from '../lib/paths.ts';
import { readStored, storageKeys } from '../lib/storage.ts';

/** `/` opens the clinic used last on this phone, or the default one. */
export function RootRedirect() {
  const stored = SlugSchema.safeParse(readStored(storageKeys.lastClinic));
  const clinic = stored.success ? stored.data : (import.meta.env.VITE_DEFAULT_CLINIC ?? 'dr-kim');
  return <Navigate replace to={paths.clinic(clinic)} />;
}
