// Document ids for the register: UUIDv7 from shared/ids (time-ordered, so indexes stay compact).
import { uuidv7 } from '../../../shared/ids';

export function newId(): string {
  return uuidv7();
}
