// Electron main process entry. Scheme privileges and the global sandbox must be set before the
// app is ready, so they happen here at load time; everything else is in startup.ts.
import { app, dialog, protocol } from 'electron';
import { registerAppSchemePrivileges } from './protocol/app-protocol';
import { startShell } from './startup';

app.enableSandbox();
registerAppSchemePrivileges(protocol);

startShell(import.meta.dirname).catch((error: unknown) => {
  console.error('[startup] failed', error);
  dialog.showErrorBox(
    'Store POS could not start',
    `${error instanceof Error ? error.message : String(error)}\n\nRestart the register; if this keeps happening, call support.`,
  );
  app.quit();
});
