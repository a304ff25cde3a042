// Code 128 (code set B) as bar widths and as SVG, so the receipt's order number can be scanned
// back for a return. Set B covers the printable ASCII an order number uses (letters, digits, '-').
import { DomainError } from '../../../../shared/errors';

const BarcodeRenderError = {
  UNSUPPORTED_CHARACTER: 'RECEIPT_BARCODE_UNSUPPORTED_CHARACTER',
  EMPTY: 'RECEIPT_BARCODE_EMPTY',
} as const;

// Bar/space module widths of symbols 0–105 and the stop symbol (106), from the Code 128 table.
const PATTERNS = [
  '212222',
  '222122',
  '222221',
  '121223',
  '121322',
  '131222',
  '122213',
  '122312',
  '132212',
  '221213',
  '221312',
  '231212',
  '112232',
  '122132',
  '122231',
  '113222',
  '123122',
  '123221',
  '223211',
  '221132',
  '221231',
  '213212',
  '223112',
  '312131',
  '311222',
  '321122',
  '321221',
  '312212',
  '322112',
  '322211',
  '212123',
  '212321',
  '232121',
  '111323',
  '131123',
  '131321',
  '112313',
  '132113',
  '132311',
  '211313',
  '231113',
  '231311',
  '112133',
  '112331',
  '132131',
  '113123',
  '113321',
  '133121',
  '313121',
  '211331',
  '231131',
  '213113',
  '213311',
  '213131',
  '311123',
  '311321',
  '331121',
  '312113',
  '312311',
  '332111',
  '314111',
  '221411',
  '431111',
  '111224',
  '111422',
  '121124',
  '121421',
  '141122',
  '141221',
  '112214',
  '112412',
  '122114',
  '122411',
  '142112',
  '142211',
  '241211',
  '221114',
  '413111',
  '241112',
  '134111',
  '111242',
  '121142',
  '121241',
  '114212',
  '124112',
  '124211',
  '411212',
  '421112',
  '421211',
  '212141',
  '214121',
  '412121',
  '111143',
  '111341',
  '131141',
  '114113',
  '114311',
  '411113',
  '411311',
  '113141',
  '114131',
  '311141',
  '411131',
  '211412',
  '211214',
  '211232',
  '2331112',
] as const;

const START_B = 104;
export const STOP = 106;

export function patternOf(symbol: number): string {
  const p = PATTERNS[symbol];
  if (p === undefined) throw new RangeError(`Code 128 has no symbol ${symbol}.`);
  return p;
}

/** Symbol values of the whole barcode: start B, data, checksum, stop. */
export function code128Symbols(text: string): number[] {
  if (text.length === 0)
    throw new DomainError(BarcodeRenderError.EMPTY, 'There is no order number to print as a barcode.');
  const data = [...text].map((ch) => {
    const code = ch.charCodeAt(0);
    if (code < 32 || code > 126) {
      throw new DomainError(
        BarcodeRenderError.UNSUPPORTED_CHARACTER,
        `The character "${ch}" cannot be printed as a receipt barcode; use letters, digits and dashes.`,
      );
    }
    return code - 32;
  });
  const checksum = data.reduce((sum, value, i) => sum + value * (i + 1), START_B) % 103;
  return [START_B, ...data, checksum, STOP];
}

/** Widths of alternating bars and spaces (starting with a bar), in modules. */
export function code128Widths(text: string): number[] {
  return code128Symbols(text).flatMap((s) => [...patternOf(s)].map(Number));
}

export function code128Svg(text: string, moduleWidth = 2, height = 50): string {
  const widths = code128Widths(text);
  const quiet = 10 * moduleWidth;
  let x = quiet;
  let rects = '';
  widths.forEach((w, i) => {
    if (i % 2 === 0) rects += `<rect x="${x}" y="0" width="${w * moduleWidth}" height="${height}"/>`;
    x += w * moduleWidth;
  });
  const width = x + quiet;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Barcode ${text.replace(/[<>&"]/g, '')}"><rect width="${width}" height="${height}" fill="#fff"/><g fill="#000">${rects}</g></svg>`;
}
