import type { InstanceReport } from "../core/reconcile/report.js";
import { markdownMessage, markdownText } from "./escape/markdown.js";

// The people side of an instance in Markdown: its owners and its acknowledgement. Owners are
// validated by the schema (`@name` or `@org/team`), so they are written as real mentions on purpose;
// anything else that reaches here (a report built by hand) is escaped and mentions nobody.

/** The schema's owner pattern (schemas/partner-instance.schema.json, `metadata.owners`). */
const MENTION = /^@[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}(?:\/[A-Za-z0-9][A-Za-z0-9_.-]{0,99})?$/;

/** An owner as a real mention when it has the schema's shape; otherwise escaped text that mentions nobody. */
export function markdownMention(owner: string): string {
  return MENTION.test(owner) ? owner : markdownText(owner);
}

/** `**Owners:** @a, @org/team`, or nothing when the instance declares none. */
export function renderOwnersLine(instance: InstanceReport): string[] {
  const owners = instance.owners ?? [];
  if (owners.length === 0) return [];
  return [`**Owners:** ${owners.map(markdownMention).join(", ")}`, ""];
}

/** `🔕 Acknowledged until 2026-12-18: <reason>` for an instance whose problem is known. */
export function renderAcknowledgedLine(instance: InstanceReport): string[] {
  const acknowledged = instance.acknowledged;
  if (acknowledged === undefined) return [];
  return [
    `🔕 **Acknowledged until ${markdownText(acknowledged.until)}:** ${markdownMessage(acknowledged.reason)}`,
    "",
  ];
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
