// Display helpers shared by the screens.
import { formatMoney, money } from '../../../shared/money';

export function fmt(amount: number, currency: string): string {
  return formatMoney(money(amount, currency));
}

export function fmtWeight(grams: number): string {
  return `${(grams / 1000).toFixed(3)} kg`;
}
