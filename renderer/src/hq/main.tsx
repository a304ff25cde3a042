// HQ console entry (a second Vite input next to the register): asks the server who is signed in,
// then mounts the router. Served by the sync server at /hq/.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from '@tanstack/react-router';
import { makeHqRouter } from './router';
import { api } from './api';
import { useSession, type HqUser } from './session-store';
import 'uplot/dist/uPlot.min.css';
import './hq.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('The page has no #root element.');
const router = makeHqRouter();

api<{ user: HqUser; csrf: string }>('GET', '/session').then(
  ({ user, csrf }) => useSession.getState().signedIn(user, csrf),
  () => useSession.getState().signedOut(),
);

createRoot(rootElement).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
