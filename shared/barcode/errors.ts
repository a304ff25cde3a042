// Error codes of the barcode module.
export const BarcodeError = {
  NOT_DIGITS: 'BARCODE_NOT_DIGITS',
  BAD_LENGTH: 'BARCODE_BAD_LENGTH',
  BAD_CHECK_DIGIT: 'BARCODE_BAD_CHECK_DIGIT',
  BAD_UPC_E: 'BARCODE_BAD_UPC_E',
  BAD_LAYOUT: 'BARCODE_BAD_LAYOUT',
  EMPTY: 'BARCODE_EMPTY',
} as const;
export type BarcodeErrorCode = (typeof BarcodeError)[keyof typeof BarcodeError];
