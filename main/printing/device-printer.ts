// Raw ESC/POS to a local printer device (/dev/usb/lp0, a serial port, COM3). The path was already
// checked against the device pattern when the settings were saved.
import { open } from 'node:fs/promises';
import { PrinterError } from '../../shared/ipc/ipc-errors';
import { type JobPurpose, printerFailure } from './printer-messages';

export async function sendToDevicePrinter(
  path: string,
  bytes: Uint8Array,
  purpose: JobPurpose = 'receipt',
): Promise<number> {
  let handle;
  try {
    // 'r+' never creates a file: a missing device is an error, not a new regular file.
    handle = await open(path, 'r+');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const problem =
      code === 'ENOENT' || code === 'ENXIO' || code === 'ENODEV'
        ? `No printer is connected at ${path}: check the USB or serial cable and that the printer is switched on.`
        : code === 'EACCES' || code === 'EPERM'
          ? `The register is not allowed to use ${path}: ask your administrator to give this user access to the printer (on Linux, the lp group).`
          : `The printer at ${path} cannot be opened (${String(code ?? error)}).`;
    throw printerFailure(PrinterError.DEVICE_UNAVAILABLE, problem, purpose, { path, code: String(code) });
  }
  try {
    const { bytesWritten } = await handle.write(bytes);
    return bytesWritten;
  } catch (error) {
    throw printerFailure(
      PrinterError.PRINT_FAILED,
      `Writing to the printer at ${path} failed (${error instanceof Error ? error.message : String(error)}).`,
      purpose,
      { path },
    );
  } finally {
    await handle.close();
  }
}
