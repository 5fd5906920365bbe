import type { InstanceReport } from "../core/reconcile/report.js";

// The people side of an instance in Markdown: its owners and its acknowledgement. Owners are
// validated by the schema (`@name` or `@org/team`), so they are written as real mentions on purpose.

/** `**Owners:** @a, @org/team`, or nothing when the instance declares none. */
export function renderOwnersLine(instance: InstanceReport): string[] {
  const owners = instance.owners ?? [];
  return owners.length === 0 ? [] : [`**Owners:** ${owners.join(", ")}`, ""];
}

/** `🔕 Acknowledged until 2026-12-18: <reason>` for an instance whose problem is known. */
export function renderAcknowledgedLine(
  instance: InstanceReport,
  escapeText: (text: string) => string,
): string[] {
  const acknowledged = instance.acknowledged;
  if (acknowledged === undefined) return [];
  return [`🔕 **Acknowledged until ${acknowledged.until}:** ${escapeText(acknowledged.reason)}`, ""];
}

/** Instances that need action, split: the ones nobody has acknowledged come first, in their own list. */
export function splitAcknowledged(instances: readonly InstanceReport[]): {
  readonly open: InstanceReport[];
  readonly acknowledged: InstanceReport[];
} {
  return {
    open: instances.filter((instance) => instance.acknowledged === undefined),
    acknowledged: instances.filter((instance) => instance.acknowledged !== undefined),
  };
}

export const ACKNOWLEDGED_HEADING =
  "### 🔕 Acknowledged\n\nKnown problems someone is handling: no notifications until the date.\n\n";
