// The IPC channel names, in one place. Imported by main (to register) and by the preload (to
// invoke); it has no other imports so the sandboxed preload bundle stays tiny.
export const IpcChannels = {
  appInfo: 'pos:app:info',
  printReceiptHtml: 'pos:printer:print-html',
  printRaw: 'pos:printer:print-raw',
  openCashDrawer: 'pos:drawer:open',
  printerStatus: 'pos:printer:status',
  printTestPage: 'pos:printer:test-page',
  listPrinters: 'pos:printer:list',
  customerDisplayUpdate: 'pos:display:update',
  setSaleInProgress: 'pos:sale:set-in-progress',
  updateStatus: 'pos:update:status',
  updateInstall: 'pos:update:install',
  settingsGet: 'pos:settings:get',
  settingsSet: 'pos:settings:set',
  openExternal: 'pos:shell:open-external',
  saveFile: 'pos:file:save',
} as const;

export type IpcMethod = keyof typeof IpcChannels;

/** Messages main pushes to a renderer (one-way). */
export const IpcEvents = {
  customerDisplayState: 'pos:display:state',
} as const;
