// What the clerk reads when printing fails. A receipt failure always says the sale is saved,
// because the sale was committed before printing started and nothing needs to be rung up again.
import { DomainError } from '../../shared/errors';
import type { PrinterError } from '../../shared/ipc/ipc-errors';

export type JobPurpose = 'receipt' | 'reprint' | 'report' | 'drawer' | 'test';

const afterwards: Readonly<Record<JobPurpose, string>> = {
  receipt: 'The sale is saved. Fix the printer, then reprint the receipt from the order.',
  reprint: 'The sale is saved. Fix the printer, then try the reprint again.',
  report: 'Nothing was lost. Fix the printer, then print the report again.',
  drawer: 'Open the drawer with its key if you need it now.',
  test: 'Check the printer settings and try the test page again.',
};

export function printerFailure(
  code: (typeof PrinterError)[keyof typeof PrinterError],
  problem: string,
  purpose: JobPurpose,
  details?: Record<string, unknown>,
): DomainError {
  return new DomainError(code, `${problem} ${afterwards[purpose]}`, details);
}
