// ESC/POS command bytes (Epson TM-series dialect, which almost every thermal printer follows).
// Each function returns the exact bytes for one command so the encoder reads like the receipt.
import { DomainError } from '../errors';
import { ReceiptError } from './receipt-document';

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;
const EOT = 0x04;

export type Align = 'left' | 'center' | 'right';

export const EscPos = {
  /** ESC @: reset the printer to its power-on state. */
  init: (): number[] => [ESC, 0x40],
  /** ESC t 19: code page PC858 (Latin-1 + euro sign). */
  codePagePc858: (): number[] => [ESC, 0x74, 19],
  align: (align: Align): number[] => [ESC, 0x61, align === 'left' ? 0 : align === 'center' ? 1 : 2],
  bold: (on: boolean): number[] => [ESC, 0x45, on ? 1 : 0],
  /** GS ! n: 0x11 = double width and height, 0x00 = normal. */
  size: (double: boolean): number[] => [GS, 0x21, double ? 0x11 : 0x00],
  lineFeed: (): number[] => [0x0a],
  /** ESC d n: feed n lines. */
  feed: (lines: number): number[] => [ESC, 0x64, lines],
  /** GS V 65 n: feed n dots then a (partial where supported) cut. */
  cut: (): number[] => [GS, 0x56, 0x41, 0x03],
  /**
   * ESC p m t1 t2: pulse the cash-drawer connector. m=0 is pin 2, m=1 is pin 5;
   * 25 x 2 ms on, 250 x 2 ms off is what drawer makers recommend.
   */
  drawerKick: (pin: 2 | 5): number[] => [ESC, 0x70, pin === 2 ? 0 : 1, 25, 250],
  /** DLE EOT 4: ask for the paper roll sensor status (one byte comes back). */
  paperStatusRequest: (): number[] => [DLE, EOT, 4],
  /**
   * Code 128 (GS k 73) in code set B, human-readable text below: height 80 dots, module width 2.
   * Code set B covers printable ASCII; "{" introduces a code set switch so it is doubled.
   */
  code128: (value: string): number[] => {
    if (value.length === 0 || value.length > 40 || !/^[\x20-\x7e]+$/.test(value)) {
      throw new DomainError(
        ReceiptError.INVALID_BARCODE,
        `The receipt barcode "${value}" cannot be printed: it must be 1 to 40 plain characters (letters, digits, dashes).`,
      );
    }
    const data = [0x7b, 0x42, ...Array.from(value.replaceAll('{', '{{'), (c) => c.charCodeAt(0))];
    return [GS, 0x68, 80, GS, 0x77, 2, GS, 0x48, 2, GS, 0x6b, 73, data.length, ...data];
  },
};

/** Paper-out bits of the DLE EOT 4 reply (bits 5 and 6: roll sensor says paper end). */
export function isPaperOut(statusByte: number): boolean {
  return (statusByte & 0x60) === 0x60;
}

// PC858 positions of the non-ASCII characters receipts actually use.
const pc858: Readonly<Record<string, number>> = {
  '€': 0xd5,
  '£': 0x9c,
  '¥': 0xbe,
  '¢': 0xbd,
  Ä: 0x8e,
  Ö: 0x99,
  Ü: 0x9a,
  ä: 0x84,
  ö: 0x94,
  ü: 0x81,
  ß: 0xe1,
  é: 0x82,
  è: 0x8a,
  ê: 0x88,
  à: 0x85,
  â: 0x83,
  ç: 0x87,
  É: 0x90,
  ñ: 0xa4,
  Ñ: 0xa5,
  ó: 0xa2,
  á: 0xa0,
  í: 0xa1,
  ú: 0xa3,
  ø: 0x9b,
  Ø: 0x9d,
  å: 0x86,
  Å: 0x8f,
  æ: 0x91,
  Æ: 0x92,
  '°': 0xf8,
  '×': 0x9e,
};

/** Text to PC858 bytes; other characters lose their accents, or become "?" when nothing is left. */
export function encodeText(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0x3f;
    if (code >= 0x20 && code <= 0x7e) bytes.push(code);
    else if (pc858[char] !== undefined) bytes.push(pc858[char]);
    else {
      const base = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      const baseCode = base.length === 1 ? base.charCodeAt(0) : 0;
      bytes.push(baseCode >= 0x20 && baseCode <= 0x7e ? baseCode : 0x3f);
    }
  }
  return bytes;
}
