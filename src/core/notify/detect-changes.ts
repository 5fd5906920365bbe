import {
  compareStatusSeverity,
  type InstanceReport,
  type ReconcileReport,
  type ReconcileStatus,
} from "../reconcile/report.js";
import type { DashboardState } from "./dashboard-state.js";

/** One instance that got worse since the dashboard's last run: what people are notified of. */
export interface Worsening {
  readonly name: string;
  /** The status at the last run; undefined when the instance is new to the dashboard. */
  readonly from: ReconcileStatus | undefined;
  readonly to: ReconcileStatus;
  /** Error finding codes the last run did not have. */
  readonly newErrors: readonly string[];
  /** The consent entered the `warnDays` window (status `consent-expiring` for the first time). */
  readonly enteredWarnWindow: boolean;
  readonly owners: readonly string[];
}

export interface DashboardChanges {
  /** Instances that got worse (acknowledged ones left out: they are muted). */
  readonly worsened: readonly Worsening[];
  /** Instances whose status became less severe. */
  readonly improved: readonly string[];
}

/**
 * Compares this run with the state the last run left. An instance gets worse when its status is
 * more severe than before, when it has an error finding it did not have, or when its consent
 * enters the warning window. With no previous state (the first run, or a state that could not be
 * read) every instance that is not ready counts as worse: it is news to everyone.
 */
export function detectChanges(
  previous: DashboardState | undefined,
  report: ReconcileReport,
): DashboardChanges {
  const worsened: Worsening[] = [];
  const improved: string[] = [];
  for (const instance of report.instances) {
    const before = previous?.instances[instance.name];
    if (before !== undefined && compareStatusSeverity(instance.status, before.status) > 0)
      improved.push(instance.name);
    if (instance.acknowledged !== undefined) continue;
    const worsening = worseningOf(instance, before?.status, before?.errors ?? []);
    if (worsening !== undefined) worsened.push(worsening);
  }
  return { worsened, improved };
}

function worseningOf(
  instance: InstanceReport,
  from: ReconcileStatus | undefined,
  errorsBefore: readonly string[],
): Worsening | undefined {
  if (instance.status === "ready") return undefined;
  const known = new Set(errorsBefore);
  const errors = new Set(
    instance.findings.filter((finding) => finding.severity === "error").map((finding) => finding.code),
  );
  const newErrors = [...errors].filter((code) => !known.has(code)).sort();
  const moreSevere = from === undefined || compareStatusSeverity(instance.status, from) < 0;
  const enteredWarnWindow = instance.status === "consent-expiring" && from !== "consent-expiring";
  if (!moreSevere && newErrors.length === 0 && !enteredWarnWindow) return undefined;
  return {
    name: instance.name,
    from,
    to: instance.status,
    newErrors,
    enteredWarnWindow,
    owners: instance.owners ?? [],
  };
}
