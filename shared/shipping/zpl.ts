// ZPL II for 4×6 in thermal label printers (203 dpi): the bytes go to the printer raw, the same way
// ESC/POS receipts do (TCP 9100). Hand-written because a label is a dozen commands; a library
// would add a dependency for string building.
import { DomainError } from '../errors';
import { type PostalAddress, type ShippingLabel, ShippingError } from './carrier';

const DPI = 203;
const WIDTH_DOTS = 4 * DPI;

/**
 * A field's data, escaped for ^FH: '^' and '~' would start a command inside the text, and
 * control characters have no place on a label. Text is UTF-8 (^CI28).
 */
export function zplField(text: string): string {
  if (text.length > 200)
    throw new DomainError(ShippingError.LABEL_TEXT, 'A label line holds at most 200 characters; shorten the address.');
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0)!;
    out +=
      c === '^' || c === '~' || c === '_' || code < 0x20 || code === 0x7f
        ? `_${code.toString(16).toUpperCase().padStart(2, '0')}`
        : c;
  }
  return out;
}

function text(x: number, y: number, size: number, value: string): string {
  return `^FO${x},${y}^A0N,${size},${size}^FH_^FD${zplField(value)}^FS`;
}

function addressLines(a: PostalAddress): string[] {
  return [a.name, a.line1, a.line2, [a.city, a.region, a.postalCode].filter(Boolean).join(' '), a.country].filter(
    (l): l is string => Boolean(l),
  );
}

/** The label as ZPL text (one ^XA … ^XZ format). */
export function zplLabelText(label: ShippingLabel): string {
  const l = label.label;
  const out = ['^XA', '^CI28', `^PW${WIDTH_DOTS}`, '^LH0,0'];
  out.push(text(30, 30, 28, 'FROM:'));
  addressLines(l.from).forEach((line, i) => out.push(text(30, 62 + i * 28, 24, line)));
  out.push('^FO30,230^GB752,3,3^FS');
  out.push(text(30, 250, 34, 'SHIP TO:'));
  addressLines(l.to).forEach((line, i) => out.push(text(30, 295 + i * 44, 40, line)));
  out.push('^FO30,540^GB752,3,3^FS');
  out.push(text(30, 560, 44, `${label.carrier} ${label.service.toUpperCase()}`));
  const kg = (l.parcel.weightGrams / 1000).toFixed(2);
  out.push(text(30, 615, 28, `Box ${l.parcel.boxId}  ${kg} kg  Ref ${l.reference}`));
  // Code 128 with the human-readable line under it (^BC …,Y).
  out.push(`^FO60,680^BY3^BCN,220,Y,N,N^FD${zplField(label.trackingNumber)}^FS`);
  out.push(text(30, 980, 28, `Tracking ${label.trackingNumber}`));
  out.push('^PQ1', '^XZ');
  return out.join('\n') + '\n';
}

/** Bytes for the printer. */
export function zplLabelBytes(label: ShippingLabel): Uint8Array {
  return new TextEncoder().encode(zplLabelText(label));
}
