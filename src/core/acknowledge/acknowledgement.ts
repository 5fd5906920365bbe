import type { PartnerInstance } from "../instance/instance.js";
import type { Acknowledgement } from "../reconcile/report.js";

const DAY_MS = 86_400_000;

/** Longest acknowledgement `validate` accepts without a warning: a muted problem should be looked at again. */
export const MAX_ACKNOWLEDGE_DAYS = 90;

/** Epoch of the first instant after the `until` day (UTC): the acknowledgement holds before it. */
function endOf(until: string): number {
  return Date.parse(`${until}T00:00:00Z`) + DAY_MS;
}

/** The instance's acknowledgement when it still holds at `now`, else undefined. */
export function activeAcknowledgement(instance: PartnerInstance, now: number): Acknowledgement | undefined {
  const acknowledge = instance.spec.acknowledge;
  if (acknowledge === undefined) return undefined;
  return now < endOf(acknowledge.until)
    ? { until: acknowledge.until, reason: acknowledge.reason }
    : undefined;
}

/** What is wrong with an acknowledgement's date seen from `today` (`YYYY-MM-DD`): expired, or too far ahead. */
export type AcknowledgementProblem =
  | { readonly kind: "expired" }
  | { readonly kind: "too-long"; readonly days: number }
  | undefined;

export function judgeAcknowledgement(until: string, today: string): AcknowledgementProblem {
  const end = endOf(until);
  const start = Date.parse(`${today}T00:00:00Z`);
  if (Number.isNaN(end) || Number.isNaN(start)) return undefined;
  if (end <= start) return { kind: "expired" };
  const days = Math.round((end - start) / DAY_MS) - 1;
  return days > MAX_ACKNOWLEDGE_DAYS ? { kind: "too-long", days } : undefined;
}
