// Box presets a store packs into, and the checks a parcel must pass before a carrier sees it.
import { DomainError } from '../errors';
import { type Parcel, ShippingError } from './carrier';

export const BOXES: readonly Omit<Parcel, 'weightGrams'>[] = [
  { boxId: 'S', lengthMm: 250, widthMm: 180, heightMm: 100 },
  { boxId: 'M', lengthMm: 350, widthMm: 250, heightMm: 150 },
  { boxId: 'L', lengthMm: 500, widthMm: 400, heightMm: 300 },
];

/** Carriers' usual single-parcel limits. */
export const MAX_WEIGHT_GRAMS = 30_000;
export const MAX_SIDE_MM = 1_200;

export function parcelFor(boxId: string, weightGrams: number): Parcel {
  const box = BOXES.find((b) => b.boxId === boxId);
  if (!box)
    throw new DomainError(
      ShippingError.INVALID_PARCEL,
      `There is no box "${boxId}"; choose ${BOXES.map((b) => b.boxId).join(', ')}.`,
    );
  return checkParcel({ ...box, weightGrams });
}

export function checkParcel(parcel: Parcel): Parcel {
  const sides = [parcel.lengthMm, parcel.widthMm, parcel.heightMm];
  if (sides.some((s) => !Number.isSafeInteger(s) || s < 1 || s > MAX_SIDE_MM)) {
    throw new DomainError(
      ShippingError.INVALID_PARCEL,
      `Each side of a parcel is a whole number of millimetres from 1 to ${MAX_SIDE_MM}.`,
      { parcel },
    );
  }
  if (!Number.isSafeInteger(parcel.weightGrams) || parcel.weightGrams < 1 || parcel.weightGrams > MAX_WEIGHT_GRAMS) {
    throw new DomainError(
      ShippingError.INVALID_PARCEL,
      `Weigh the parcel: its weight must be 1 g to ${MAX_WEIGHT_GRAMS / 1000} kg (got ${String(parcel.weightGrams)} g).`,
      { parcel },
    );
  }
  return parcel;
}
