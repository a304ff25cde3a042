// Raw ESC/POS over TCP (the "port 9100" / JetDirect protocol): connect, write, close. No reply is
// expected except for status queries. Every wait has a timeout so the register never hangs.
import { Socket } from 'node:net';
import { PrinterError } from '../../shared/ipc/ipc-errors';
import { isPaperOut } from '../../shared/receipt/escpos-commands';
import { type JobPurpose, printerFailure } from './printer-messages';

export interface NetworkPrinterAddress {
  host: string;
  port: number;
}

const closeGraceMs = 1000;
const offlineCodes = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EPIPE',
  'EADDRNOTAVAIL',
]);

function describe(address: NetworkPrinterAddress): string {
  return `${address.host}:${address.port}`;
}

function failureFor(error: unknown, address: NetworkPrinterAddress, purpose: JobPurpose) {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && offlineCodes.has(code)) {
    return printerFailure(
      PrinterError.OFFLINE,
      `The receipt printer at ${describe(address)} is not answering (${code}): check it is switched on, has paper and is on the network.`,
      purpose,
      { code },
    );
  }
  return printerFailure(
    PrinterError.PRINT_FAILED,
    `Printing to ${describe(address)} failed (${error instanceof Error ? error.message : String(error)}).`,
    purpose,
  );
}

/** Connects, then runs `session` with the socket; rejects on error or when `timeoutMs` of silence passes. */
function withConnection<T>(
  address: NetworkPrinterAddress,
  timeoutMs: number,
  purpose: JobPurpose,
  session: (socket: Socket, finish: (value: T) => void) => void,
): Promise<T> {
  return new Promise<T>((resolvePromise, rejectPromise) => {
    const socket = new Socket();
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      outcome();
    };
    // One deadline for the whole job: a printer that accepts the connection but never drains
    // its buffer must not hold the register either.
    const timer = setTimeout(() => {
      settle(() =>
        rejectPromise(
          printerFailure(
            PrinterError.TIMEOUT,
            `The receipt printer at ${describe(address)} did not respond within ${Math.round(timeoutMs / 100) / 10} s: check it is switched on and on the network.`,
            purpose,
          ),
        ),
      );
    }, timeoutMs);
    socket.once('error', (error) => settle(() => rejectPromise(failureFor(error, address, purpose))));
    socket.connect(address.port, address.host, () => session(socket, (value) => settle(() => resolvePromise(value))));
  });
}

/** Sends the bytes and resolves once the printer has received all of them and the connection closed cleanly. */
export function sendToNetworkPrinter(
  address: NetworkPrinterAddress,
  bytes: Uint8Array,
  options: { timeoutMs?: number; purpose?: JobPurpose; closeGraceMs?: number } = {},
): Promise<number> {
  const purpose = options.purpose ?? 'receipt';
  return withConnection<number>(address, options.timeoutMs ?? 5000, purpose, (socket, finish) => {
    socket.once('close', () => finish(bytes.byteLength));
    // Most printers close their side when we close ours; some keep it open. Once our bytes are
    // flushed, give the printer a moment to close, then count the job as delivered anyway.
    socket.end(bytes, () => setTimeout(() => finish(bytes.byteLength), options.closeGraceMs ?? closeGraceMs).unref());
  });
}

export type NetworkPrinterProbe = { state: 'ready' } | { state: 'paper-out' };

/**
 * Asks for the paper status (DLE EOT 4). Printers that do not answer status queries are reported
 * as ready when the connection itself works.
 */
export function probeNetworkPrinter(
  address: NetworkPrinterAddress,
  options: { timeoutMs?: number; replyWaitMs?: number } = {},
): Promise<NetworkPrinterProbe> {
  return withConnection<NetworkPrinterProbe>(address, options.timeoutMs ?? 2000, 'test', (socket, finish) => {
    const noReply = setTimeout(() => finish({ state: 'ready' }), options.replyWaitMs ?? 400).unref();
    socket.once('data', (data: Buffer) => {
      clearTimeout(noReply);
      finish(isPaperOut(data[0] ?? 0) ? { state: 'paper-out' } : { state: 'ready' });
    });
    socket.write(Uint8Array.from([0x10, 0x04, 0x04]));
  });
}
