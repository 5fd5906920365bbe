import type { EnsureIssueResult } from "../../adapters/github/github-port.js";
import { RECONCILE_STATUSES, type ReconcileReport } from "../../core/report.js";
import type { CliContext } from "../context.js";
import { readGitHubEnv } from "../github-env.js";
import { connectGitHub } from "../publish-report.js";
import { parseFailOn, resolveNow, runReconcilePipeline } from "../reconcile-pipeline.js";
import { countNotReady, plural } from "../render/report-facts.js";
import { renderReportMarkdown, VOLATILE_REPORT_TIMES } from "../render/report-markdown.js";
import { exitCodeFor, type ReportFormat, writeReport } from "./reconcile.js";

export interface DriftCommandOptions {
  readonly dir: string;
  readonly observed?: string;
  readonly now?: string;
  readonly format: ReportFormat;
  readonly issue: boolean;
  readonly failOn?: string;
}

export const DRIFT_ISSUE_MARKER = "<!-- cspops:drift -->";
export const DRIFT_LABEL = {
  name: "cspops-drift",
  color: "d93f0b",
  description: "cspops: partner instances that drifted or need consent",
} as const;

/**
 * `cspops drift` (DESIGN §3): reconcile over every instance; `--issue` keeps the one dashboard
 * issue true. Exit 4 while any instance is not ready (or, with `--fail-on`, has one of those
 * statuses), 3 when GitHub fails, 1 for invalid instances.
 */
export async function runDrift(options: DriftCommandOptions, context: CliContext): Promise<number> {
  const failOn = options.failOn === undefined ? NOT_READY : parseFailOn(options.failOn);
  const now = resolveNow(options.now, context);

  const { report } = await runReconcilePipeline(
    { dir: options.dir, observed: options.observed, now },
    context,
  );
  await writeReport(report, options.format, context, "cspops drift");
  if (options.issue) {
    const result = await ensureDashboard(report, context);
    context.stderr.write(`cspops: ${describeIssue(result)}\n`);
  }
  return exitCodeFor(report, failOn);
}

const NOT_READY = new Set(RECONCILE_STATUSES.filter((status) => status !== "ready"));

/** Open (or reopen) the dashboard while anything needs action; close it as completed when nothing does. */
async function ensureDashboard(report: ReconcileReport, context: CliContext): Promise<EnsureIssueResult> {
  const port = await connectGitHub(readGitHubEnv(context.env));
  const title = dashboardTitle(report);
  const body = renderReportMarkdown(report, { marker: DRIFT_ISSUE_MARKER, title, command: "cspops drift" });
  const request = {
    marker: DRIFT_ISSUE_MARKER,
    label: DRIFT_LABEL,
    title,
    body,
    volatile: VOLATILE_REPORT_TIMES,
  };
  return countNotReady(report) > 0 ? port.ensureIssue(request) : port.ensureIssueClosed(request);
}

function dashboardTitle(report: ReconcileReport): string {
  const total = report.instances.length;
  const notReady = countNotReady(report);
  if (notReady === 0) return `cspops drift: all ${plural(total, "partner instance")} ready`;
  return `cspops drift: ${notReady} of ${plural(total, "partner instance")} ${notReady === 1 ? "needs" : "need"} action`;
}

function describeIssue(result: EnsureIssueResult): string {
  const issue = result.number === undefined ? "" : ` #${result.number}: ${result.url}`;
  switch (result.action) {
    case "absent":
      return "everything is ready and there is no drift issue to close";
    case "unchanged":
      return `the drift issue is up to date${issue}`;
    default:
      return `${result.action} the drift issue${issue}`;
  }
}
