import { createColors } from "picocolors";
import type { InstanceReport, ReconcileReport, ReconcileStatus } from "../core/reconcile/report.js";
import { neutraliseCommandLines, terminalText } from "./escape/terminal.js";
import { plural } from "./plural.js";
import { actorsOf, describeSummary, formatInstant, orderFindings, orderInstances } from "./report-facts.js";

export interface ReportTextOptions {
  /** ANSI colours (a TTY without `NO_COLOR`). */
  readonly useColour: boolean;
}

type Paint = ReturnType<typeof createColors>;

/**
 * The report for a terminal: a table of every instance with who acts next, then, for each instance
 * with findings, what to do and its consent link, then a one-line summary. Every value from the
 * YAML or the snapshot is shown through `terminalText`; no line can pose as a workflow command.
 */
export function renderReportText(report: ReconcileReport, options: ReportTextOptions): string {
  const paint = createColors(options.useColour);
  const instances = orderInstances(report.instances);
  const lines = [
    paint.bold(
      `cspops reconcile — as of ${formatInstant(report.generatedAt)}, observed ${terminalText(formatInstant(report.observedAt))}`,
    ),
    "",
  ];
  if (instances.length === 0) {
    lines.push("No instances.");
    return neutraliseCommandLines(`${lines.join("\n")}\n`);
  }
  lines.push(...renderTable(instances, paint), "");
  for (const instance of instances) {
    if (instance.findings.length === 0) continue;
    lines.push(...renderDetails(instance, paint), "");
  }
  lines.push(`${plural(report.instances.length, "instance")}: ${describeSummary(report)}.`);
  return neutraliseCommandLines(`${lines.join("\n")}\n`);
}

function renderTable(instances: readonly InstanceReport[], paint: Paint): string[] {
  const rows = instances.map((instance) => [
    terminalText(instance.name),
    terminalText(instance.environment),
    terminalText(instance.cloud),
    instance.status,
    terminalText(nextStep(instance)),
  ]);
  const header = ["INSTANCE", "ENV", "CLOUD", "STATUS", "NEXT"];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const last = header.length - 1;
  const pad = (cell: string, column: number) => (column === last ? cell : cell.padEnd(widths[column] ?? 0));
  return [
    paint.dim(header.map(pad).join("  ")),
    ...instances.map((instance, index) =>
      (rows[index] ?? [])
        .map((cell, column) =>
          column === 3 ? colourStatus(instance.status, pad(cell, column), paint) : pad(cell, column),
        )
        .join("  "),
    ),
  ];
}

function nextStep(instance: InstanceReport): string {
  if (instance.status === "ready") {
    return instance.consentExpiresAt === null
      ? "nothing to do"
      : `nothing to do; consent lasts until ${instance.consentExpiresAt.slice(0, 10)} if unused`;
  }
  const [actor] = actorsOf(instance);
  return actor === undefined ? "see below" : `${actor}: see below`;
}

function renderDetails(instance: InstanceReport, paint: Paint): string[] {
  const lines = [
    `${paint.bold(terminalText(instance.name))} — ${colourStatus(instance.status, instance.status, paint)} (${terminalText(instance.file)})`,
  ];
  for (const finding of orderFindings(instance)) {
    const severity =
      finding.severity === "error"
        ? paint.red("error  ")
        : finding.severity === "warning"
          ? paint.yellow("warning")
          : paint.dim("info   ");
    lines.push(`  ${severity} ${paint.dim(terminalText(finding.code))}  ${terminalText(finding.message)}`);
    if (finding.actor !== undefined)
      lines.push(`          ${paint.dim("who:")} ${terminalText(finding.actor)}`);
  }
  if (instance.consentUrl !== null) {
    lines.push(
      `  ${paint.bold("consent link")} (open as ${terminalText(instance.adminAgent)}, with MFA):`,
      `    ${terminalText(instance.consentUrl)}`,
    );
  }
  return lines;
}

function colourStatus(status: ReconcileStatus, text: string, paint: Paint): string {
  if (status === "ready") return paint.green(text);
  if (status === "consent-expiring") return paint.yellow(text);
  if (status === "unknown") return paint.magenta(text);
  return paint.red(text);
}
