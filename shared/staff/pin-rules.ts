// PIN format: 4 to 8 digits, and at least 6 for managers and admins (their PIN approves refunds,
// voids and price overrides, so it must not fall to a 10,000-guess search). A new PIN is also
// refused when it is trivially guessable, because with so few digits the lockout is the real
// protection and a guessable PIN defeats it.
import { DomainError } from '../errors';
import { StaffError } from './errors';

const PIN_MIN_LENGTH = 4;
const PIN_MAX_LENGTH = 8;
const PIN = /^\d{4,8}$/;

export function isPinFormat(pin: unknown): pin is string {
  return typeof pin === 'string' && PIN.test(pin);
}

export function assertPinFormat(pin: unknown): asserts pin is string {
  if (!isPinFormat(pin)) {
    throw new DomainError(
      StaffError.PIN_FORMAT,
      `A PIN is ${PIN_MIN_LENGTH} to ${PIN_MAX_LENGTH} digits, numbers only.`,
    );
  }
}

/** Roles whose PIN approves what a clerk may not do. */
const APPROVER_PIN_MIN_LENGTH = 6;

function minimumPinLength(role: string): number {
  return role === 'manager' || role === 'admin' ? APPROVER_PIN_MIN_LENGTH : PIN_MIN_LENGTH;
}

export function assertPinLengthForRole(pin: string, role: string): void {
  const min = minimumPinLength(role);
  if (pin.length < min) {
    throw new DomainError(
      StaffError.PIN_FORMAT,
      `A ${role}'s PIN approves refunds and voids, so it has at least ${min} digits.`,
    );
  }
}

/** Why a PIN is too easy to guess, or undefined. */
export function weakPinReason(pin: string): string | undefined {
  if (/^(\d)\1+$/.test(pin)) return 'it repeats one digit';
  const steps = [...pin].slice(1).map((c, i) => (Number(c) - Number(pin.charAt(i)) + 10) % 10);
  if (steps.every((s) => s === 1) || steps.every((s) => s === 9)) return 'it is a run of consecutive digits';
  const half = pin.length / 2;
  if (pin.length % 2 === 0 && pin.length >= 6 && pin.slice(0, half) === pin.slice(half))
    return 'it repeats the same half twice';
  return undefined;
}

/** For setting or changing a PIN (not for sign-in, where any well-formed PIN is simply checked). */
export function assertNewPin(pin: unknown, role = 'clerk'): asserts pin is string {
  assertPinFormat(pin);
  assertPinLengthForRole(pin, role);
  const reason = weakPinReason(pin);
  if (reason) throw new DomainError(StaffError.PIN_TOO_WEAK, `Choose another PIN: ${reason}, so it is easy to guess.`);
}
