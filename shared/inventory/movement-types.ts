// Stock is the sum of a movement ledger. Each movement type moves one bucket (on hand or reserved)
// in one direction, so the projection is a plain sum and replaying in any order gives one answer.

export const MovementType = {
  SALE: 'sale',
  RETURN: 'return',
  RECEIPT: 'receipt',
  TRANSFER_OUT: 'transfer_out',
  TRANSFER_IN: 'transfer_in',
  ADJUSTMENT: 'adjustment',
  /**
   * A cycle count, recorded as the difference the counting device saw (counted − expected). A
   * snapshot "set to N" would depend on replay order; a delta does not.
   */
  COUNT: 'count',
  RESERVATION: 'reservation',
  RELEASE: 'release',
} as const;
export type MovementType = (typeof MovementType)[keyof typeof MovementType];
export const MOVEMENT_TYPES = Object.values(MovementType) as [MovementType, ...MovementType[]];

export type Bucket = 'onHand' | 'reserved';
/** Required sign of `quantity`: 1 positive, -1 negative, 0 either (but see `zeroAllowed`). */
export type Sign = 1 | -1 | 0;

export interface MovementRule {
  readonly bucket: Bucket;
  readonly sign: Sign;
  readonly zeroAllowed: boolean;
}

export const MOVEMENT_RULES: { readonly [T in MovementType]: MovementRule } = {
  sale: { bucket: 'onHand', sign: -1, zeroAllowed: false },
  return: { bucket: 'onHand', sign: 1, zeroAllowed: false },
  receipt: { bucket: 'onHand', sign: 1, zeroAllowed: false },
  transfer_out: { bucket: 'onHand', sign: -1, zeroAllowed: false },
  transfer_in: { bucket: 'onHand', sign: 1, zeroAllowed: false },
  adjustment: { bucket: 'onHand', sign: 0, zeroAllowed: false },
  // A count that matches the shelf is still worth recording (it proves the count happened).
  count: { bucket: 'onHand', sign: 0, zeroAllowed: true },
  reservation: { bucket: 'reserved', sign: 1, zeroAllowed: false },
  release: { bucket: 'reserved', sign: -1, zeroAllowed: false },
};

/** Why `quantity` is not allowed for `type`, or undefined when it is. */
export function quantityProblem(type: MovementType, quantity: number): string | undefined {
  const rule = MOVEMENT_RULES[type];
  if (quantity === 0) return rule.zeroAllowed ? undefined : `A ${type} movement cannot move zero units.`;
  if (rule.sign === 1 && quantity < 0) return `A ${type} movement adds stock: its quantity must be positive.`;
  if (rule.sign === -1 && quantity > 0) return `A ${type} movement removes stock: its quantity must be negative.`;
  return undefined;
}
