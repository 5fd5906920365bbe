import type { Worsening } from "../core/notify/detect-changes.js";
import { plural } from "./plural.js";
import { STATUS_ICONS } from "./report-facts.js";

/** Marks cspops's own notification comments on the dashboard issue. */
export const DRIFT_NOTIFICATION_MARKER = "<!-- cspops:drift-notification -->";

/**
 * The comment that tells people about instances that got worse. Owners are mentioned on purpose (the
 * schema allows only `@user` and `@org/team`), so GitHub notifies them; instance names and finding
 * codes are of a fixed alphabet, so nothing here comes from outside unescaped.
 */
export function renderWorseningComment(
  worsened: readonly Worsening[],
  issueAction: "reopened" | "updated",
): string {
  const lead =
    issueAction === "reopened"
      ? `**Reopened: ${plural(worsened.length, "partner instance")} need${worsened.length === 1 ? "s" : ""} action again.**`
      : `**${plural(worsened.length, "partner instance")} got worse since the last check.**`;
  return [
    DRIFT_NOTIFICATION_MARKER,
    lead,
    "",
    ...worsened.map(renderWorseningLine),
    "",
    "What to do is in the issue above.",
  ].join("\n");
}

export function renderWorseningLine(worsening: Worsening): string {
  const change =
    worsening.from === undefined
      ? `now ${worsening.to}`
      : worsening.from === worsening.to
        ? `still ${worsening.to}`
        : `${worsening.from} → ${worsening.to}`;
  const facts = [change];
  if (worsening.enteredWarnWindow) facts.push("consent enters its warning window");
  if (worsening.newErrors.length > 0)
    facts.push(`new: ${worsening.newErrors.map((code) => `\`${code}\``).join(", ")}`);
  const owners = worsening.owners.length === 0 ? "" : ` — ${worsening.owners.join(" ")}`;
  return `- ${STATUS_ICONS[worsening.to]} **${worsening.name}**: ${facts.join(" · ")}${owners}`;
}

/** The comment when everything is ready and the dashboard closes. */
export function renderAllReadyComment(instanceCount: number): string {
  return [
    DRIFT_NOTIFICATION_MARKER,
    `✅ All ${plural(instanceCount, "partner instance")} ready: closing this issue.`,
  ].join("\n");
}
