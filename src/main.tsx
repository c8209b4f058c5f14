// First: install.ts must listen for `beforeinstallprompt` before anything else runs.
import './lib/install.ts';
import './styles/base.css';
import './styles/layout.css';
import './styles/reader.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppProviders } from './app/providers.tsx';
import { prepareQueryClient } from './app/query-setup.ts';
import { AppRoutes } from './app/router.tsx';
import { ApiError } from './lib/api-client.ts';
import { createQueryClient } from './lib/query-client.ts';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

const queryClient = createQueryClient();
// Changes made offline in an earlier visit are restored before the first render.
prepareQueryClient(queryClient);

createRoot(root, {
  // React logs every error a boundary catches. An unreachable server or a missing page is a
  // state the page explains to the owner, not a bug, so only the rest is logged.
  onCaughtError: (error, info) => {
    if (!(error instanceof ApiError)) console.error(error, info.componentStack);
  },
}).render(
  <StrictMode>
    <AppProviders queryClient={queryClient}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </AppProviders>
  </StrictMode>,
);
