// Stock adjustments outside a count: damaged, shrink (lost or stolen), found, used in store. Each
// reason moves stock one way, and one worth more than the approval limit needs a manager. The
// movement records the reason code first in `reason` ("damaged: dropped"), so reports can group it.
import { DomainError } from '../errors';
import type { InventoryMovement } from '../schemas/inventory';
import type { MovementContext } from './documents';
import { InventoryError } from './errors';

export const AdjustmentReason = {
  DAMAGED: 'damaged',
  SHRINK: 'shrink',
  FOUND: 'found',
  USED_IN_STORE: 'used_in_store',
} as const;
export type AdjustmentReason = (typeof AdjustmentReason)[keyof typeof AdjustmentReason];

export const ADJUSTMENT_REASONS: { readonly [R in AdjustmentReason]: { label: string; sign: 1 | -1 } } = {
  damaged: { label: 'Damaged', sign: -1 },
  shrink: { label: 'Shrink (lost or stolen)', sign: -1 },
  found: { label: 'Found', sign: 1 },
  used_in_store: { label: 'Used in store', sign: -1 },
};

/**
 * The approval limit when the store's policy sets none (minor units): adjustments worth more than the
 * limit, either way, need a manager unless one makes them. HQ sets it as the policy's
 * `inventory.adjustmentApprovalOver` (default or per store code).
 */
export const DEFAULT_ADJUSTMENT_APPROVAL_OVER = 5_000;

/** The limit a store's policy payload gives (`undefined`: no policy, or one without the field). */
export function adjustmentApprovalLimit(
  policy: { inventory?: { adjustmentApprovalOver: number } } | undefined,
): number {
  return policy?.inventory?.adjustmentApprovalOver ?? DEFAULT_ADJUSTMENT_APPROVAL_OVER;
}

export interface AdjustmentRequest {
  id: string;
  storeId: string;
  sku: string;
  reason: AdjustmentReason;
  /** Units, always positive: the reason gives the direction. */
  units: number;
  /** Value of one unit in minor units. */
  unitValue: number;
  note?: string;
}

export interface AdjustmentApproval {
  /** Who records it. */
  staffId: string;
  role: string;
  /** The manager who approved it, when one was needed and the recorder is not one. */
  approverId?: string;
}

function isManager(role: string): boolean {
  return role === 'manager' || role === 'admin';
}

export function adjustmentValue(req: Pick<AdjustmentRequest, 'reason' | 'units' | 'unitValue'>): number {
  return ADJUSTMENT_REASONS[req.reason].sign * req.units * req.unitValue;
}

/** Whether a manager must approve this adjustment when `role` records it. */
export function adjustmentNeedsApproval(
  req: Pick<AdjustmentRequest, 'reason' | 'units' | 'unitValue'>,
  role: string,
  limit: number,
): boolean {
  return !isManager(role) && Math.abs(adjustmentValue(req)) > limit;
}

export function assertAdjustment(req: AdjustmentRequest): void {
  const bad = (why: string) => new DomainError(InventoryError.BAD_ADJUSTMENT, why);
  if (!Object.prototype.hasOwnProperty.call(ADJUSTMENT_REASONS, req.reason))
    throw bad(`"${String(req.reason)}" is not an adjustment reason. Choose damaged, shrink, found or used in store.`);
  if (!Number.isSafeInteger(req.units) || req.units < 1 || req.units > 100_000)
    throw bad(`An adjustment of ${String(req.units)} units is not possible. Type a whole number from 1 to 100,000.`);
  if (typeof req.sku !== 'string' || req.sku.trim() === '') throw bad('The adjustment names no item. Scan it first.');
  if (!Number.isSafeInteger(req.unitValue) || req.unitValue < 0) throw bad('The item has no usable unit value.');
}

/** The ledger movement for an adjustment, once it is allowed. */
export function adjustmentMovement(
  req: AdjustmentRequest,
  approval: AdjustmentApproval,
  ctx: MovementContext,
  limit: number,
): InventoryMovement {
  assertAdjustment(req);
  if (adjustmentNeedsApproval(req, approval.role, limit) && !approval.approverId)
    throw new DomainError(
      InventoryError.APPROVAL_REQUIRED,
      `This adjustment is worth more than ${(limit / 100).toFixed(2)}: a manager must approve it with their PIN.`,
    );
  const note = req.note?.trim().slice(0, 150);
  return {
    id: req.id,
    storeId: req.storeId,
    sku: req.sku,
    type: 'adjustment',
    quantity: ADJUSTMENT_REASONS[req.reason].sign * req.units,
    referenceType: 'none',
    referenceId: '',
    deviceId: ctx.deviceId,
    staffId: approval.approverId ?? approval.staffId,
    reason: note ? `${req.reason}: ${note}` : req.reason,
    createdAt: ctx.at,
    updatedAt: ctx.at,
  };
}

/** The reason code of an adjustment movement's `reason`, when it starts with one. */
export function adjustmentReasonOf(reason: string | undefined): AdjustmentReason | undefined {
  const code = (reason ?? '').split(':')[0]?.trim();
  return code && Object.prototype.hasOwnProperty.call(ADJUSTMENT_REASONS, code)
    ? (code as AdjustmentReason)
    : undefined;
}
