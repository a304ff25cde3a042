// HQ console entry (a second Vite input next to the register): asks the server who is signed in
// (the probe answers 200 either way), then mounts the router. Served by the sync server at /hq/.
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

type Probe = { signedIn: false } | { signedIn: true; user: HqUser; csrf: string };
api<Probe>('GET', '/session/probe').then(
  (probe) =>
    probe.signedIn ? useSession.getState().signedIn(probe.user, probe.csrf) : useSession.getState().signedOut(),
  () => useSession.getState().signedOut(),
);

createRoot(rootElement).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
