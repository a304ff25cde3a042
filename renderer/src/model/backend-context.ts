// The backend reaches screens through context so component tests can hand in their own.
import { createContext, useContext } from 'react';
import type { Backend } from './backend';

export const BackendContext = createContext<Backend | undefined>(undefined);

export function useBackend(): Backend {
  const backend = useContext(BackendContext);
  if (!backend) throw new Error('The register data layer is not ready; restart the register.');
  return backend;
}
