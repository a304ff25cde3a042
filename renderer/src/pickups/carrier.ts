// The carrier the register uses: the built-in simulator (no carrier account is configured in
// this product yet). Serials start from the clock so two registers rarely share a range.
import type { CarrierPort } from '../../../shared/shipping/carrier';
import { SimulatedCarrier } from '../../../shared/shipping/simulator';

export const carrier: CarrierPort = new SimulatedCarrier({
  firstSerial: Math.floor(Date.now() / 10) % 100_000_000_000,
});
