// Name-based UUIDs (RFC 9562 version 5) from the `uuid` library. Documents the server derives from
// other documents (a reservation for a fulfillment line, a release for the same line) get ids computed
// from what they are about, so a retried step writes the same id and the idempotent push makes it a
// no-op instead of a second reservation. SHA-1 inside v5 is an id function, not a security boundary.
import { v5 } from 'uuid';
import { DomainError } from '../errors';
import { IdError } from './errors';

/** Namespace for ids this product derives: uuidv5('urn:store-pos:derived-ids', URL namespace). */
export const POS_NAMESPACE = '1749da19-f5a8-55fe-80de-9d65c4d8b5b3';
export const URL_NAMESPACE = v5.URL;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function uuidv5(name: string, namespace: string = POS_NAMESPACE): string {
  if (!UUID.test(namespace)) {
    throw new DomainError(IdError.INVALID_UUID, `The namespace "${namespace.slice(0, 40)}" is not a lowercase UUID.`);
  }
  return v5(name, namespace);
}
