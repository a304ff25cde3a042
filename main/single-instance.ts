// One register app per machine: a second launch (double-click, autostart racing a clerk) focuses
// the running window instead of opening a second copy against the same IndexedDB.
import type { App } from 'electron';

export function acquireSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'on'>,
  focusExisting: () => void,
): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => focusExisting());
  return true;
}
