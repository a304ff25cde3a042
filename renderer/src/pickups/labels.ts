import type { FulfillmentOrder } from '../../../shared/schemas';

export const STATUS_LABEL: Record<FulfillmentOrder['status'], string> = {
  created: 'New',
  allocated: 'New',
  picking: 'Picking',
  picked: 'Picked',
  ready_for_pickup: 'Ready for pickup',
  picked_up: 'Picked up',
  shipped: 'Shipped',
  rejected: 'Rejected',
  rerouted: 'Re-routed',
  cancelled: 'Cancelled',
};
