// A minimal application menu: editing keys and window controls. Electron's default menu offers
// View → Toggle Developer Tools (Ctrl+Shift+I) and Reload; a packaged register must not.
import type { Menu as ElectronMenu, MenuItemConstructorOptions } from 'electron';

export type MenuApi = {
  buildFromTemplate(template: MenuItemConstructorOptions[]): ElectronMenu;
  setApplicationMenu(menu: ElectronMenu | null): void;
};

export function appMenuTemplate(isPackaged: boolean): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] },
  ];
  if (!isPackaged) template.push({ label: 'Develop', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }] });
  return template;
}

export function installAppMenu(menu: MenuApi, isPackaged: boolean): void {
  menu.setApplicationMenu(menu.buildFromTemplate(appMenuTemplate(isPackaged)));
}
