import { judgeAcknowledgement, MAX_ACKNOWLEDGE_DAYS } from "../acknowledge/acknowledgement.js";
import { checkEach, error, type InstanceRule, warning } from "./rule.js";

/**
 * `spec.acknowledge.until` must be a real day, and is worth a second look when it has passed (the
 * instance is reported again) or lies more than 90 days ahead (a problem muted for a season).
 */
export const checkAcknowledgeDate: InstanceRule = (set) =>
  checkEach(set.all, (facts) => {
    const until = facts.acknowledgeUntil;
    if (until === undefined) return undefined;
    if (!isRealDay(until.value)) {
      return error(
        facts,
        until.pointer,
        "acknowledge.invalid-date",
        `acknowledge.until '${until.value}' is not a day of the calendar`,
        "write the last day the acknowledgement holds as YYYY-MM-DD, e.g. 2026-12-18",
      );
    }
    if (set.today === undefined) return undefined;
    const problem = judgeAcknowledgement(until.value, set.today);
    if (problem?.kind === "expired") {
      return warning(
        facts,
        until.pointer,
        "acknowledge.expired",
        `the acknowledgement ended on ${until.value}: the instance is reported and notified as usual again`,
        "remove spec.acknowledge, or move `until` forward if the work is still under way",
      );
    }
    if (problem?.kind === "too-long") {
      return warning(
        facts,
        until.pointer,
        "acknowledge.too-long",
        `the acknowledgement lasts ${problem.days} days, more than ${MAX_ACKNOWLEDGE_DAYS}: a problem muted that long is easily forgotten`,
        `choose an 'until' at most ${MAX_ACKNOWLEDGE_DAYS} days ahead and renew it if needed`,
      );
    }
    return undefined;
  });

function isRealDay(day: string): boolean {
  const epoch = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(epoch) && new Date(epoch).toISOString().slice(0, 10) === day;
}
