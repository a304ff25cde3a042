// Register settings in <userData>/settings.json. Writes go to a temporary file that is flushed and
// renamed over the old one, so a power cut leaves either the old or the new settings, never half.
import { open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError } from '../../shared/errors';
import { ShellError } from '../../shared/ipc/ipc-errors';
import { type Settings, SettingsPatchSchema, SettingsSchema, defaultSettings } from '../../shared/ipc/settings-schemas';

export type SettingsListener = (settings: Settings, previous: Settings) => void;

export class SettingsStore {
  private readonly listeners = new Set<SettingsListener>();

  private constructor(
    private readonly file: string,
    private current: Settings,
  ) {}

  /** Loads the settings; an unreadable or invalid file falls back to defaults (and is kept aside). */
  static async open(folder: string, log: (message: string) => void = console.warn): Promise<SettingsStore> {
    const file = join(folder, 'settings.json');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return new SettingsStore(file, defaultSettings());
    }
    try {
      const parsed = SettingsSchema.safeParse(JSON.parse(text));
      if (parsed.success) return new SettingsStore(file, parsed.data);
      log(
        `[settings] ${file} is invalid (${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}); using defaults`,
      );
    } catch {
      log(`[settings] ${file} is not JSON; using defaults`);
    }
    await rename(file, `${file}.invalid-${Date.now()}`).catch(() => undefined);
    return new SettingsStore(file, defaultSettings());
  }

  get(): Settings {
    return structuredClone(this.current);
  }

  async update(patch: unknown): Promise<Settings> {
    const parsedPatch = SettingsPatchSchema.safeParse(patch);
    if (!parsedPatch.success) {
      throw new DomainError(
        ShellError.SETTINGS_INVALID,
        `These settings were not saved: ${parsedPatch.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ')}.`,
      );
    }
    const previous = this.current;
    const next = SettingsSchema.parse({ ...previous, ...parsedPatch.data });
    await this.write(next);
    this.current = next;
    for (const listener of this.listeners) listener(structuredClone(next), structuredClone(previous));
    return structuredClone(next);
  }

  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async write(settings: Settings): Promise<void> {
    const temp = `${this.file}.tmp`;
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(`${JSON.stringify(settings, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.file);
  }
}
