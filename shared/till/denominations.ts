// Notes and coins per currency, in minor units, largest first: drives the blind count screen and
// the quick-cash buttons. Values are unique per currency (a count is keyed by face value, as in
// the till_shifts schema), so a $1 coin is counted with the $1 notes.
import { DomainError } from '../errors';
import { TillError } from './errors';

export interface Denomination {
  value: number; // minor units
  kind: 'note' | 'coin';
  label: string;
}

const note = (value: number, label: string): Denomination => ({ value, kind: 'note', label });
const coin = (value: number, label: string): Denomination => ({ value, kind: 'coin', label });

const TABLES: Readonly<Record<string, readonly Denomination[]>> = {
  USD: [
    note(10000, '$100'),
    note(5000, '$50'),
    note(2000, '$20'),
    note(1000, '$10'),
    note(500, '$5'),
    note(100, '$1'),
    coin(50, '50¢'),
    coin(25, '25¢'),
    coin(10, '10¢'),
    coin(5, '5¢'),
    coin(1, '1¢'),
  ],
  EUR: [
    note(50000, '€500'),
    note(20000, '€200'),
    note(10000, '€100'),
    note(5000, '€50'),
    note(2000, '€20'),
    note(1000, '€10'),
    note(500, '€5'),
    coin(200, '€2'),
    coin(100, '€1'),
    coin(50, '50c'),
    coin(20, '20c'),
    coin(10, '10c'),
    coin(5, '5c'),
    coin(2, '2c'),
    coin(1, '1c'),
  ],
  GBP: [
    note(5000, '£50'),
    note(2000, '£20'),
    note(1000, '£10'),
    note(500, '£5'),
    coin(200, '£2'),
    coin(100, '£1'),
    coin(50, '50p'),
    coin(20, '20p'),
    coin(10, '10p'),
    coin(5, '5p'),
    coin(2, '2p'),
    coin(1, '1p'),
  ],
};

export function denominationsFor(currency: string): readonly Denomination[] {
  const table = TABLES[currency];
  if (!table) {
    throw new DomainError(
      TillError.NO_DENOMINATIONS,
      `No notes and coins are set up for ${currency}. Count the drawer as one total instead.`,
      { currency },
    );
  }
  return table;
}
