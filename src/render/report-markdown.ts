import type { InstanceReport, ReconcileReport } from "../core/reconcile/report.js";
import { markdownCode, markdownLinkDestination, markdownMessage, markdownText } from "./escape/markdown.js";
import { plural } from "./plural.js";
import {
  actorsOf,
  countNotReady,
  describeSummary,
  formatInstant,
  orderFindings,
  orderInstances,
  STATUS_ICONS,
} from "./report-facts.js";
import {
  ACKNOWLEDGED_HEADING,
  renderAcknowledgedLine,
  renderOwnersLine,
  splitAcknowledged,
} from "./report-people.js";

export const RECONCILE_COMMENT_MARKER = "<!-- cspops:reconcile -->";

/** GitHub refuses comment bodies over 65,536 characters; stay clear of it. */
const DEFAULT_MAX_CHARS = 65_000;

/** Longest finding message shown in full; longer ones (hundreds of redirect URIs) are cut. */
const MAX_MESSAGE_CHARS = 1_000;
/** Room kept for the "…and N more" lines and the closing of `<details>`. */
const RESERVE_CHARS = 1_500;
/**
 * Room kept for the first rows of the ready table when there are ready instances, so that how many
 * of them are listed does not hinge on what the last instance section that fitted left over.
 */
const READY_RESERVE_CHARS = 1_000;

/** The command named in the footer unless the caller names another. */
const DEFAULT_REPORT_COMMAND = "cspops reconcile";

/** An instant as `formatInstant` writes it: `2026-11-20 10:00 UTC`. */
const INSTANT = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC`;

/**
 * Exactly the part of the body that changes on every run without being news: the " — observed …,
 * checked …." that ends the summary line. Callers that compare bodies to skip needless writes
 * (`volatile` of the GitHub port) use this rather than a pattern of their own, so a change of
 * wording here cannot turn every run into a write.
 */
export const VOLATILE_REPORT_TIMES = new RegExp(` — observed ${INSTANT}, checked ${INSTANT}\\.$`, "m");

/** The body without its volatile times (`VOLATILE_REPORT_TIMES`), for comparing two bodies. */
export function stripVolatileTimes(body: string): string {
  return body.replace(new RegExp(VOLATILE_REPORT_TIMES.source, "gm"), "");
}

export interface ReportMarkdownOptions {
  /** Instances changed by the pull request: shown first, and marked. */
  readonly firstInstances?: readonly string[];
  /** Upper bound of the body's length, whatever the number of instances. Default 65,000. */
  readonly maxChars?: number;
  /** Hidden first line that finds the comment again; `""` for none. Default `<!-- cspops:reconcile -->`. */
  readonly marker?: string;
  /** Heading text; default says how many instances need action. */
  readonly title?: string;
  /** The command the footer says made the body (plain text, no backticks), e.g. `cspops drift`. Default `cspops reconcile`. */
  readonly command?: string | undefined;
}

/**
 * The report as Markdown, the body of the pull-request comment and of the job summary (docs/pr-comment-and-dashboard.md):
 * instances that need action first, each with its status, what to do, who acts and the consent
 * link; ready instances folded into `<details>`. Past `maxChars` the rest is summarised with counts.
 */
export function renderReportMarkdown(report: ReconcileReport, options: ReportMarkdownOptions = {}): string {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const marker = options.marker ?? RECONCILE_COMMENT_MARKER;
  const first = new Set(options.firstInstances ?? []);
  const ordered = orderInstances(report.instances, first);
  const notReady = ordered.filter((instance) => instance.status !== "ready");
  const ready = ordered.filter((instance) => instance.status === "ready");

  const head = [
    ...(marker === "" ? [] : [marker]),
    `### ${markdownText(options.title ?? reportTitle(report))}`,
    "",
    `${describeSummaryWithIcons(report)}${markdownText(renderTimes(report))}`,
    "",
    "",
  ].join("\n");
  const command = options.command ?? DEFAULT_REPORT_COMMAND;
  const foot = `\n<sub>Made by ${markdownCode(command)}. Run it locally for the full report.</sub>\n`;

  const readyReserve = ready.length > 0 ? READY_RESERVE_CHARS : 0;
  let budget = maxChars - head.length - foot.length - RESERVE_CHARS - readyReserve;
  const sections: string[] = [];
  let shown = 0;
  const { open, acknowledged } = splitAcknowledged(notReady);
  for (const instance of [...open, ...acknowledged]) {
    const heading = instance === acknowledged[0] ? ACKNOWLEDGED_HEADING : "";
    const section = `${heading}${renderInstanceSection(instance, first.has(instance.name))}`;
    if (section.length > budget) break;
    sections.push(section);
    budget -= section.length;
    shown++;
  }
  const hidden = [...open, ...acknowledged].slice(shown);
  if (hidden.length > 0) sections.push(renderOmitted(hidden));
  if (ready.length > 0) sections.push(renderReady(ready, first, Math.max(budget + readyReserve, 0)));

  const body = `${head}${sections.join("")}${foot}`;
  // Only a maxChars smaller than the headings themselves gets here; never exceed it.
  return body.length <= maxChars ? body : `${body.slice(0, Math.max(maxChars - 2, 0))}…\n`.slice(0, maxChars);
}

/** Matched by `VOLATILE_REPORT_TIMES`: change both together. */
function renderTimes(report: ReconcileReport): string {
  return ` — observed ${formatInstant(report.observedAt)}, checked ${formatInstant(report.generatedAt)}.`;
}

/** `cspops: 2 of 3 partner instances need action`; `prefix` names the command (`cspops drift`). */
export function reportTitle(report: ReconcileReport, prefix = "cspops"): string {
  const total = report.instances.length;
  const notReady = countNotReady(report);
  if (total === 0) return `${prefix}: no partner instances`;
  if (notReady === 0) return `${prefix}: all ${plural(total, "partner instance")} ready`;
  return `${prefix}: ${notReady} of ${plural(total, "partner instance")} ${notReady === 1 ? "needs" : "need"} action`;
}

function describeSummaryWithIcons(report: ReconcileReport): string {
  const summary = describeSummary(report, " · ", (status) => `${STATUS_ICONS[status]} `);
  return summary === "" ? "Nothing to check" : summary;
}

function renderInstanceSection(instance: InstanceReport, changed: boolean): string {
  const facts = [
    markdownText(instance.environment),
    markdownText(instance.cloud),
    `tenant ${markdownCode(instance.tenantId)}`,
    instance.appId === null ? "no app" : `app ${markdownCode(instance.appId)}`,
    markdownCode(instance.file),
  ].join(" · ");
  const lines = [
    `#### ${STATUS_ICONS[instance.status]} ${markdownText(instance.name)} — ${instance.status}${changed ? " (changed in this pull request)" : ""}`,
    "",
    facts,
    "",
  ];
  const actors = actorsOf(instance);
  if (actors.length > 0)
    lines.push(`**Who acts:** ${actors.map((actor) => markdownMessage(actor)).join("; ")}`, "");
  lines.push(...renderOwnersLine(instance), ...renderAcknowledgedLine(instance));
  lines.push("**What to do:**", "");
  orderFindings(instance).forEach((finding, index) => {
    const icon = finding.severity === "error" ? "❌" : finding.severity === "warning" ? "⚠️" : "ℹ️";
    lines.push(
      `${index + 1}. ${icon} ${markdownMessage(clip(finding.message))} <sub>${markdownCode(finding.code)}</sub>`,
    );
  });
  lines.push("");
  const destination = instance.consentUrl === null ? undefined : markdownLinkDestination(instance.consentUrl);
  if (destination !== undefined) {
    const when = instance.status === "blocked" ? ", once the steps above are done" : "";
    // The one link of the report: the planner's consent URL (src/core/consent/consent-url.ts).
    lines.push(
      `**Consent link** — ${markdownText(instance.adminAgent)} opens it${when}, signs in with MFA and approves: [grant consent to ${markdownText(instance.name)}](${destination})`,
      "",
    );
  }
  return `${lines.join("\n")}\n`;
}

function renderOmitted(hidden: readonly InstanceReport[]): string {
  const counts = new Map<string, number>();
  for (const instance of hidden) counts.set(instance.status, (counts.get(instance.status) ?? 0) + 1);
  const byStatus = [...counts].map(([status, count]) => `${count} ${status}`).join(", ");
  const names = hidden
    .slice(0, 10)
    .map((instance) => markdownText(instance.name))
    .join(", ");
  const more = hidden.length > 10 ? ", …" : "";
  return `…and ${plural(hidden.length, "more instance")} that ${hidden.length === 1 ? "needs" : "need"} action (${byStatus}), not shown to keep this comment within GitHub's size limit: ${names}${more}.\n\n`;
}

function renderReady(ready: readonly InstanceReport[], first: ReadonlySet<string>, budget: number): string {
  const open = `<details><summary>${STATUS_ICONS.ready} ${plural(ready.length, "ready instance")}</summary>\n\n`;
  const tableHead =
    "| Instance | Environment | Consent lasts until (if unused) | Notes |\n| --- | --- | --- | --- |\n";
  const close = "\n</details>\n";
  let room = budget - open.length - tableHead.length - close.length;
  const rows: string[] = [];
  for (const instance of ready) {
    const row = renderReadyRow(instance, first.has(instance.name));
    if (row.length > room) break;
    rows.push(row);
    room -= row.length;
  }
  const rest = ready.length - rows.length;
  const more = rest > 0 ? `\n…and ${plural(rest, "more ready instance")}.\n` : "";
  return rows.length === 0
    ? `${open}${plural(ready.length, "instance")} ready.\n${close}`
    : `${open}${tableHead}${rows.join("")}${more}${close}`;
}

function renderReadyRow(instance: InstanceReport, changed: boolean): string {
  const table = { table: true };
  const until = instance.consentExpiresAt === null ? "unknown" : instance.consentExpiresAt.slice(0, 10);
  const notes = instance.findings.map((finding) => markdownCode(finding.code, table)).join(" ");
  const name = markdownText(instance.name, table);
  return `| ${changed ? `${name} ✏️` : name} | ${markdownText(instance.environment, table)} | ${markdownText(until, table)} | ${notes} |\n`;
}

function clip(text: string): string {
  return text.length <= MAX_MESSAGE_CHARS ? text : `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…`;
}
