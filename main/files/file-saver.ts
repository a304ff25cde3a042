// Saves a file the renderer produced (a receipt PDF, an export) where the clerk chooses. The
// renderer only proposes a plain file name; the folder comes from the save dialog.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError } from '../../shared/errors';
import { ShellError } from '../../shared/ipc/ipc-errors';

export interface SaveRequest {
  suggestedName: string;
  mimeType: string;
  data: string | Uint8Array;
}

export interface FileSaverDeps {
  defaultFolder: () => string;
  showSaveDialog: (defaultPath: string) => Promise<{ canceled: boolean; filePath?: string }>;
}

export function createFileSaver(deps: FileSaverDeps) {
  return {
    async save(request: SaveRequest): Promise<{ saved: boolean; location: string | null }> {
      const choice = await deps.showSaveDialog(join(deps.defaultFolder(), request.suggestedName));
      if (choice.canceled || !choice.filePath) return { saved: false, location: null };
      try {
        await writeFile(choice.filePath, request.data);
      } catch (error) {
        throw new DomainError(
          ShellError.SAVE_FAILED,
          `The file could not be saved to ${choice.filePath} (${error instanceof Error ? error.message : String(error)}): choose another folder and try again.`,
        );
      }
      return { saved: true, location: choice.filePath };
    },
  };
}

export type FileSaver = ReturnType<typeof createFileSaver>;
