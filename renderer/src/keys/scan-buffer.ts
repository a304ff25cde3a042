// Tells a barcode scanner's burst (digits then Enter) apart from other typing. A scanner acts as a
// keyboard: it types the code and presses Enter, wherever the focus is. The buffer collects digit
// keys that arrive outside text fields and hands back the code when Enter comes.
const SCAN_MIN_LENGTH = 4;
const SCAN_MAX_LENGTH = 32;
/** A pause longer than this between two digits starts a new code (a person stopped typing). */
export const SCAN_RESET_GAP_MS = 1500;

export type ScanKeyResult = { kind: 'scan'; code: string } | { kind: 'digit' } | { kind: 'ignored' };

export class ScanBuffer {
  private digits = '';
  private lastAt = 0;

  /** Feeds one key press; `at` is a millisecond timestamp (event.timeStamp or Date.now()). */
  push(key: string, at: number): ScanKeyResult {
    if (/^[0-9]$/.test(key)) {
      if (at - this.lastAt > SCAN_RESET_GAP_MS) this.digits = '';
      this.lastAt = at;
      if (this.digits.length < SCAN_MAX_LENGTH) this.digits += key;
      return { kind: 'digit' };
    }
    if (key === 'Enter') {
      const code = this.digits;
      this.digits = '';
      if (code.length >= SCAN_MIN_LENGTH && at - this.lastAt <= SCAN_RESET_GAP_MS) return { kind: 'scan', code };
      return { kind: 'ignored' };
    }
    if (key === 'Escape' || key === 'Backspace') this.digits = '';
    return { kind: 'ignored' };
  }

  /** Digits typed so far, shown to the clerk so they can see a half-typed code. */
  get pending(): string {
    return this.digits;
  }

  clear(): void {
    this.digits = '';
  }
}
