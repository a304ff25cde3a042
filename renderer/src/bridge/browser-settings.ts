// Register settings in a browser: the same schema as the desktop app, kept in localStorage.
import {
  type Settings,
  SettingsSchema,
  type SettingsPatch,
  defaultSettings,
} from '../../../shared/ipc/settings-schemas';

export const SETTINGS_KEY = 'pos.settings';

export function createBrowserSettings(storage: Pick<Storage, 'getItem' | 'setItem'>) {
  const read = (): Settings => {
    const text = storage.getItem(SETTINGS_KEY);
    if (!text) return defaultSettings();
    try {
      const parsed = SettingsSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : defaultSettings();
    } catch {
      return defaultSettings();
    }
  };
  return {
    get: read,
    /** The patch was validated against SettingsPatchSchema already; only the named fields change. */
    update(patch: SettingsPatch): Settings {
      const next = SettingsSchema.parse({ ...read(), ...patch });
      storage.setItem(SETTINGS_KEY, JSON.stringify(next));
      return next;
    },
  };
}
