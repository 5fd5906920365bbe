import type { ConsentUrl } from "../consent/consent-url.js";
import type { Cloud, Environment } from "../instance/instance.js";

/**
 * Where an instance stands, most severe first (docs/statuses.md). The order of this list is the precedence:
 * an instance takes the first status that any of its findings calls for.
 */
export const RECONCILE_STATUSES = [
  "unknown",
  "not-provisioned",
  "drifted",
  "blocked",
  "needs-consent",
  "consent-expired",
  "consent-expiring",
  "ready",
] as const;
export type ReconcileStatus = (typeof RECONCILE_STATUSES)[number];
export type NotReadyStatus = Exclude<ReconcileStatus, "ready">;

export function isReconcileStatus(value: string): value is ReconcileStatus {
  return (RECONCILE_STATUSES as readonly string[]).includes(value);
}

/** Negative when `a` is more severe than `b`. */
export function compareStatusSeverity(a: ReconcileStatus, b: ReconcileStatus): number {
  return RECONCILE_STATUSES.indexOf(a) - RECONCILE_STATUSES.indexOf(b);
}

/** `error`: keeps the instance from being ready. `warning`: worth acting on soon. `info`: context. */
export type FindingSeverity = "error" | "warning" | "info";

/** One observation about an instance, with a stable code and a message that says what to do. */
export interface Finding {
  /** Stable dotted code, e.g. `consent.missing`; pipelines and tests rely on it. */
  readonly code: string;
  readonly severity: FindingSeverity;
  /** What is wrong and what to do about it, for a person. Never contains a secret. */
  readonly message: string;
  /** Who must act: the admin agent (by UPN), the platform team (`pulumi up`), a tenant administrator… */
  readonly actor?: string;
  /** The status this finding puts the instance in; absent for findings that do not change it. */
  readonly status?: NotReadyStatus;
}

/** The verdict on one instance. */
export interface InstanceReport {
  readonly name: string;
  /** Repository-relative path of the instance file. */
  readonly file: string;
  readonly environment: Environment;
  readonly cloud: Cloud;
  readonly tenantId: string;
  readonly adminAgent: string;
  /** The app's Application (client) ID when the app was found, else null. */
  readonly appId: string | null;
  readonly status: ReconcileStatus;
  /** Present when consent is missing, expired or expiring (and the app is known). */
  readonly consentUrl: ConsentUrl | null;
  /** Last delegated sign-in + 90 days, when a grant exists and the sign-in is known. */
  readonly consentExpiresAt: string | null;
  /** Last delegated sign-in of the app, when known. */
  readonly lastDelegatedSignInAt: string | null;
  readonly findings: readonly Finding[];
  /** `metadata.owners`: the GitHub users and teams who must make things happen; absent when none are declared. */
  readonly owners?: readonly string[];
  /** `spec.acknowledge` while it holds (until its `until` day ends, UTC): notifications and `--fail-on` are muted. */
  readonly acknowledged?: Acknowledgement;
}

/** A known problem someone is handling, from `spec.acknowledge`. */
export interface Acknowledgement {
  /** Last day it holds, `YYYY-MM-DD` (UTC). */
  readonly until: string;
  readonly reason: string;
}

export type StatusSummary = Readonly<Partial<Record<ReconcileStatus, number>>>;

/** Report model v1 (docs/statuses.md), the `--format json` output; `schemas/reconcile-report.schema.json`. */
export interface ReconcileReport {
  readonly schemaVersion: 1;
  /** The `now` the plan was made for. */
  readonly generatedAt: string;
  /** When the snapshot was observed. */
  readonly observedAt: string;
  /** Number of instances per status, only the statuses present, most severe first. */
  readonly summary: StatusSummary;
  readonly instances: readonly InstanceReport[];
}

export const REPORT_SCHEMA_VERSION = 1;

/** Counts instances per status, most severe first, leaving out statuses nobody has. */
export function summariseStatuses(instances: readonly { readonly status: ReconcileStatus }[]): StatusSummary {
  const counts = new Map<ReconcileStatus, number>();
  for (const instance of instances) counts.set(instance.status, (counts.get(instance.status) ?? 0) + 1);
  const summary: Partial<Record<ReconcileStatus, number>> = {};
  for (const status of RECONCILE_STATUSES) {
    const count = counts.get(status);
    if (count !== undefined) summary[status] = count;
  }
  return summary;
}

/** The most severe status any finding calls for; `ready` when none does. */
export function deriveStatus(findings: readonly Finding[]): ReconcileStatus {
  let status: ReconcileStatus = "ready";
  for (const finding of findings) {
    if (finding.status !== undefined && compareStatusSeverity(finding.status, status) < 0)
      status = finding.status;
  }
  return status;
}
