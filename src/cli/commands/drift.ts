import type { EnsureIssueResult } from "../../adapters/github/github-port.js";
import { RECONCILE_STATUSES, type ReconcileReport } from "../../core/reconcile/report.js";
import { terminalText } from "../../render/escape/terminal.js";
import { countNotReady } from "../../render/report-facts.js";
import { renderReportMarkdown, reportTitle, VOLATILE_REPORT_TIMES } from "../../render/report-markdown.js";
import type { CliContext } from "../context.js";
import { type GitHubEnvironment, readGitHubEnv, requireGitHubTarget } from "../github-env.js";
import { connectGitHub } from "../publish-report.js";
import { parseFailOn, resolveNow, runReconcilePipeline } from "../reconcile-pipeline.js";
import { exitCodeFor, writeReport } from "./reconcile.js";
import type { ReportCommandOptions } from "./report-options.js";

export interface DriftCommandOptions extends ReportCommandOptions {
  readonly issue: boolean;
}

const DRIFT_ISSUE_MARKER = "<!-- cspops:drift -->";
const DRIFT_LABEL = {
  name: "cspops-drift",
  color: "d93f0b",
  description: "cspops: partner instances that drifted or need consent",
} as const;

/**
 * `cspops drift` (docs/cli.md): reconcile over every instance; `--issue` keeps the one dashboard
 * issue true. Exit 4 while any instance is not ready (or, with `--fail-on`, has one of those
 * statuses), 3 when GitHub fails, 1 for invalid instances.
 */
export async function runDrift(options: DriftCommandOptions, context: CliContext): Promise<number> {
  const failOn = options.failOn === undefined ? NOT_READY : parseFailOn(options.failOn);
  const now = resolveNow(options.now, context);
  const target = options.issue ? requireGitHubTarget("--issue", readGitHubEnv(context.env)) : undefined;

  const { report } = await runReconcilePipeline(
    { dir: options.dir, observed: options.observed, now, allowEmpty: options.allowEmpty },
    context,
  );
  await writeReport(report, options.format, context, "cspops drift");
  if (target !== undefined) {
    const result = await ensureDashboard(report, target.github);
    context.stderr.write(`cspops: ${terminalText(describeIssue(result))}\n`);
  }
  return exitCodeFor(report, failOn);
}

const NOT_READY = new Set(RECONCILE_STATUSES.filter((status) => status !== "ready"));

/** Open (or reopen) the dashboard while anything needs action; close it as completed when nothing does. */
async function ensureDashboard(
  report: ReconcileReport,
  github: GitHubEnvironment,
): Promise<EnsureIssueResult> {
  const port = await connectGitHub(github);
  const title = reportTitle(report, "cspops drift");
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
