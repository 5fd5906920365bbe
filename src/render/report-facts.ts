import { formatMinute } from "../core/reconcile/dates.js";
import {
  compareStatusSeverity,
  type Finding,
  type InstanceReport,
  RECONCILE_STATUSES,
  type ReconcileReport,
  type ReconcileStatus,
} from "../core/reconcile/report.js";

// What every renderer of the reconcile report derives the same way: order, icons, who acts.

export const STATUS_ICONS: Readonly<Record<ReconcileStatus, string>> = {
  unknown: "❔",
  "not-provisioned": "🚧",
  drifted: "⚠️",
  blocked: "⛔",
  "needs-consent": "🔑",
  "consent-expired": "⌛",
  "consent-expiring": "⏳",
  ready: "✅",
};

const SEVERITY_ORDER: Readonly<Record<Finding["severity"], number>> = { error: 0, warning: 1, info: 2 };

/**
 * The steps in the order to take them: the findings that set the instance's status first (for a
 * blocked instance, what unblocks the admin agent comes before the consent), then errors, warnings,
 * information; the planner's order within each.
 */
export function orderFindings(instance: InstanceReport): Finding[] {
  const rank = (finding: Finding) =>
    finding.status === instance.status ? -1 : SEVERITY_ORDER[finding.severity];
  return [...instance.findings].sort((a, b) => rank(a) - rank(b));
}

/**
 * Instances that need action first: those named in `first` (changed by a pull request), then by
 * severity of status, then by name.
 */
export function orderInstances(
  instances: readonly InstanceReport[],
  first: ReadonlySet<string> = new Set(),
): InstanceReport[] {
  return [...instances].sort(
    (a, b) =>
      Number(first.has(b.name)) - Number(first.has(a.name)) ||
      compareStatusSeverity(a.status, b.status) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/** Who must act, most urgent first: the people behind the findings that set the status, then the rest. */
export function actorsOf(instance: InstanceReport): string[] {
  const actors = orderFindings(instance).flatMap((finding) =>
    finding.actor === undefined ? [] : [finding.actor],
  );
  return [...new Set(actors)];
}

/** `1 needs-consent, 2 ready`, most severe first; `before` puts something (an icon) ahead of each. */
export function describeSummary(
  report: ReconcileReport,
  separator = ", ",
  before: (status: ReconcileStatus) => string = () => "",
): string {
  return RECONCILE_STATUSES.flatMap((status) => {
    const count = report.summary[status];
    return count === undefined ? [] : [`${before(status)}${count} ${status}`];
  }).join(separator);
}

export function countNotReady(report: ReconcileReport): number {
  return report.instances.filter((instance) => instance.status !== "ready").length;
}

/** `2026-11-20 10:00 UTC` from an ISO instant; the text itself when it is not one. */
export function formatInstant(iso: string): string {
  const epoch = Date.parse(iso);
  return Number.isNaN(epoch) ? iso : formatMinute(epoch);
}
