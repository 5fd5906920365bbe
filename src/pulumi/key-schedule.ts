import { DAY_MS } from "../core/reconcile/dates.js";

/**
 * Days a Key stays valid after its rotation date. The schedule of one Key, created at `t`:
 *
 *   t + rotationDays             rotation date: the next `pulumi up --refresh` makes a new Key
 *   t + rotationDays + overlap   the old Key expires (`endDate`)
 *
 * Pulumi keeps the old password in Entra when it replaces it (`retainOnDelete`), so after the
 * rotation both Keys work until the old one's `endDate`. With the weekly scheduled deploy the new Key
 * appears at most 7 days after the rotation date, which leaves the operator at least 38 days to paste
 * it into the BSS. 45 rather than 30 also keeps the Key valid for more than
 * `MIN_KEY_VALIDITY_DAYS` (30) until 15 days past the rotation date, so reconcile reports `drifted`
 * only when rotations stall, not on every cycle.
 */
const KEY_OVERLAP_DAYS = 45;

/** `timestamp` (RFC 3339) plus `days`, as RFC 3339 in UTC without fractional seconds. */
function addDays(timestamp: string, days: number): string {
  const millis = Date.parse(timestamp);
  if (Number.isNaN(millis)) throw new RangeError(`not an RFC 3339 timestamp: ${timestamp}`);
  return new Date(millis + days * DAY_MS).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The `endDate` of a Key whose rotation date is `rotationTimestamp`. */
export function keyEndDate(rotationTimestamp: string): string {
  return addDays(rotationTimestamp, KEY_OVERLAP_DAYS);
}
