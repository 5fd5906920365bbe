import type { Worsening } from "../core/notify/detect-changes.js";
import { markdownCode, markdownText } from "./escape/markdown.js";
import { plural } from "./plural.js";
import { STATUS_ICONS } from "./report-facts.js";
import { markdownMention } from "./report-people.js";

/** Marks cspops's own notification comments on the dashboard issue. */
export const DRIFT_NOTIFICATION_MARKER = "<!-- cspops:drift-notification -->";

/**
 * The comment that tells people about instances that got worse. Owners are mentioned on purpose (the
 * schema allows only `@user` and `@org/team`), so GitHub notifies them; names and codes are escaped
 * like every other value (src/render/escape/markdown.ts), though the schema and rules fix their alphabet.
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
    facts.push(`new: ${worsening.newErrors.map((code) => markdownCode(code)).join(", ")}`);
  const owners = worsening.owners.length === 0 ? "" : ` — ${worsening.owners.map(markdownMention).join(" ")}`;
  return `- ${STATUS_ICONS[worsening.to]} **${markdownText(worsening.name)}**: ${facts.join(" · ")}${owners}`;
}

/** The comment when everything is ready and the dashboard closes. */
export function renderAllReadyComment(instanceCount: number): string {
  return [
    DRIFT_NOTIFICATION_MARKER,
    `✅ All ${plural(instanceCount, "partner instance")} ready: closing this issue.`,
  ].join("\n");
}
