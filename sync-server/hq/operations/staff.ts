// Staff documents: create, assign to stores, reset a PIN. PINs are hashed here (pbkdf2, as the
// register verifies them offline); the plain PIN never leaves this request.
import { randomUUID } from 'node:crypto';
import { DomainError, isDomainError } from '../../../shared/errors';
import { assertNewPin } from '../../../shared/staff/pin-rules';
import { hashPin } from '../../../shared/staff/pin-hash';
import type { ServerContext } from '../../http/context';
import { allDocs, currentDoc, writeDoc } from '../doc-writer';
import { HqError } from '../errors';
import { field } from '../input';

/** Staff without their PIN hashes: the console never needs them. */
export async function listStaff(ctx: ServerContext): Promise<Record<string, unknown>[]> {
  return (await allDocs(ctx, 'staff'))
    .map(({ pin: _pin, ...rest }) => rest)
    .sort((a, b) => String(a.loginCode).localeCompare(String(b.loginCode)));
}

async function pinHash(pin: unknown): Promise<Record<string, unknown>> {
  try {
    assertNewPin(pin);
  } catch (error) {
    throw new DomainError(
      HqError.INVALID_INPUT,
      isDomainError(error) ? error.message : 'Choose a PIN of 4 to 8 digits.',
      { field: 'pin' },
    );
  }
  return { ...(await hashPin(pin)) };
}

export async function saveStaff(ctx: ServerContext, body: unknown): Promise<Record<string, unknown>> {
  const id = field(body, 'id');
  const previous = typeof id === 'string' ? await currentDoc(ctx, 'staff', id) : undefined;
  if (typeof id === 'string' && !previous)
    throw new DomainError(HqError.NOT_FOUND, `No staff member with id ${id}: reload the staff list.`);
  const pick = (name: string) => (field(body, name) !== undefined ? field(body, name) : previous?.[name]);
  const loginCode = pick('loginCode');
  const clash = (await allDocs(ctx, 'staff')).find((s) => s.loginCode === loginCode && s.id !== (previous?.id ?? null));
  if (clash)
    throw new DomainError(
      HqError.CONFLICT,
      `Login code ${String(loginCode)} belongs to ${String(clash.displayName)}: choose another.`,
      { field: 'loginCode' },
    );
  const next = {
    id: previous ? previous.id : randomUUID(),
    loginCode,
    displayName: pick('displayName'),
    role: pick('role'),
    storeIds: pick('storeIds') ?? [],
    allStores: pick('allStores') ?? false,
    pin: previous ? previous.pin : await pinHash(field(body, 'pin')),
    active: pick('active') ?? true,
    updatedAt: new Date().toISOString(),
  };
  const { pin: _pin, ...shown } = await writeDoc(ctx, 'staff', {
    next,
    previous: previous ? { ...previous } : undefined,
  });
  return shown;
}

export async function resetPin(ctx: ServerContext, id: string, pin: unknown): Promise<Record<string, unknown>> {
  const previous = await currentDoc(ctx, 'staff', id);
  if (!previous) throw new DomainError(HqError.NOT_FOUND, `No staff member with id ${id}: reload the staff list.`);
  const { _deleted: _flag, ...rest } = previous;
  const next = { ...rest, pin: await pinHash(pin), updatedAt: new Date().toISOString() };
  const { pin: _pin, ...shown } = await writeDoc(ctx, 'staff', { next, previous: { ...previous } });
  return shown;
}
