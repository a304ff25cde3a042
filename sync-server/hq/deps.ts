// What the console's route modules share.
import type { ServerContext } from '../http/context';
import type { HqAccounts } from './accounts';
import type { HqGuard } from './guard';
import type { FactsProjector } from './dashboard/facts-projector';
import type { DeviceSeen } from './dashboard/device-seen';
import type { HqSql } from './sql';

/** Every console API path starts here (the static console itself is at /hq/). */
export const HQ_API = '/api/hq/console';

export interface HqDeps {
  ctx: ServerContext;
  sql: HqSql;
  accounts: HqAccounts;
  guard: HqGuard;
  facts: FactsProjector;
  seen: DeviceSeen;
  /** Sign-in attempts per address and e-mail per 15 minutes (HQ_LOGIN_RATE_MAX). */
  loginRateMax?: number | undefined;
}
