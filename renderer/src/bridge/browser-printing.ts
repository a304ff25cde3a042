// Printing without Electron: receipt HTML goes through the browser's print dialog from a hidden,
// script-less iframe; ESC/POS bytes cannot reach a printer from a web page, so they are offered as
// a download and shown as a text preview.
import { DomainError } from '../../../shared/errors';
import { PrinterError } from '../../../shared/ipc/ipc-errors';
import { previewEscPos } from '../../../shared/receipt/escpos-preview';

export interface BrowserPrintingDeps {
  document: Document;
  /** Opens the print dialog for the frame (window.print of the iframe). */
  printFrame: (frame: HTMLIFrameElement) => void;
  download: (fileName: string, blob: Blob) => void;
}

export function printHtmlInFrame(deps: BrowserPrintingDeps, html: string): void {
  const frame = deps.document.createElement('iframe');
  // Same origin so we can write into it; no allow-scripts, so the receipt HTML runs nothing.
  frame.setAttribute('sandbox', 'allow-same-origin allow-modals');
  frame.setAttribute('aria-hidden', 'true');
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  deps.document.body.appendChild(frame);
  try {
    const doc = frame.contentDocument;
    if (!doc) throw new Error('The print frame has no document.');
    doc.open();
    doc.write(html);
    doc.close();
    deps.printFrame(frame);
  } catch (error) {
    throw new DomainError(
      PrinterError.PRINT_FAILED,
      `The browser could not open its print dialog (${error instanceof Error ? error.message : String(error)}). The sale is saved: save the receipt as a file instead, or print it from the register app.`,
    );
  } finally {
    frame.remove();
  }
}

export function downloadBlob(document: Document, fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const PREVIEW_ID = 'pos-escpos-preview';

/** A closable dialog showing what the thermal printer would have printed. */
export function showEscPosPreview(document: Document, bytes: Uint8Array, title: string): string {
  const text = previewEscPos(bytes);
  document.getElementById(PREVIEW_ID)?.remove();
  const dialog = document.createElement('dialog');
  dialog.id = PREVIEW_ID;
  dialog.setAttribute('aria-label', title);
  const heading = document.createElement('p');
  heading.textContent = `${title}: no receipt printer in browser mode. The ESC/POS file was downloaded; this is what it prints.`;
  const pre = document.createElement('pre');
  pre.textContent = text;
  pre.style.fontFamily = 'monospace';
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Close';
  close.addEventListener('click', () => dialog.remove());
  dialog.append(heading, pre, close);
  document.body.appendChild(dialog);
  if (typeof dialog.showModal === 'function' && !dialog.open) {
    try {
      dialog.showModal();
    } catch {
      dialog.setAttribute('open', '');
    }
  } else dialog.setAttribute('open', '');
  return text;
}

export function downloadName(prefix: string, extension: string): string {
  return `${prefix}-${new Date().toISOString().replace(/[:.]/g, '-')}.${extension}`;
}
