// Turns ESC/POS bytes back into readable text: the browser build shows this instead of printing,
// and tests use it to read what a job would print. Formatting commands are dropped; the barcode,
// cut and drawer pulse appear as [bracketed] notes.

const pc858Reverse: Readonly<Record<number, string>> = {
  0xd5: '€',
  0x9c: '£',
  0xbe: '¥',
  0xbd: '¢',
  0x8e: 'Ä',
  0x99: 'Ö',
  0x9a: 'Ü',
  0x84: 'ä',
  0x94: 'ö',
  0x81: 'ü',
  0xe1: 'ß',
  0x82: 'é',
  0x8a: 'è',
  0x88: 'ê',
  0x85: 'à',
  0x83: 'â',
  0x87: 'ç',
  0x90: 'É',
  0xa4: 'ñ',
  0xa5: 'Ñ',
  0xa2: 'ó',
  0xa0: 'á',
  0xa1: 'í',
  0xa3: 'ú',
  0x9b: 'ø',
  0x9d: 'Ø',
  0x86: 'å',
  0x8f: 'Å',
  0x91: 'æ',
  0x92: 'Æ',
  0xf8: '°',
  0x9e: '×',
};

/** Parameter byte counts of the ESC and GS commands the encoder emits (after the command byte). */
const escParams: Readonly<Record<number, number>> = {
  0x40: 0,
  0x74: 1,
  0x61: 1,
  0x45: 1,
  0x64: 1,
  0x70: 3,
  0x21: 1,
  0x4d: 1,
};
const gsParams: Readonly<Record<number, number>> = { 0x21: 1, 0x68: 1, 0x77: 1, 0x48: 1, 0x66: 1 };

export function previewEscPos(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b === 0x0a) {
      out += '\n';
      i += 1;
    } else if (b === 0x1b) {
      const command = bytes[i + 1] ?? 0;
      if (command === 0x70) out += '[drawer kick]\n';
      i += 2 + (escParams[command] ?? 0);
    } else if (b === 0x1d) {
      const command = bytes[i + 1] ?? 0;
      if (command === 0x56) {
        out += '[cut]\n';
        i += (bytes[i + 2] ?? 0) >= 65 ? 4 : 3;
      } else if (command === 0x6b) {
        const length = bytes[i + 3] ?? 0;
        const data = Array.from(bytes.subarray(i + 4, i + 4 + length), (c) => String.fromCharCode(c)).join('');
        out += `[barcode ${data.startsWith('{B') ? data.slice(2).replaceAll('{{', '{') : data}]`;
        i += 4 + length;
      } else i += 2 + (gsParams[command] ?? 0);
    } else if (b === 0x10) {
      i += 3; // DLE EOT n: a status request, nothing printed
    } else if (b >= 0x20 && b < 0x7f) {
      out += String.fromCharCode(b);
      i += 1;
    } else {
      out += pc858Reverse[b] ?? '?';
      i += 1;
    }
  }
  return out;
}
