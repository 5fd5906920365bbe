import { ExitCode } from "../../core/diagnostics/errors.js";
import type { ReconcileReport, ReconcileStatus } from "../../core/reconcile/report.js";
import { renderReportGithub } from "../../render/report-github.js";
import { renderReportJson } from "../../render/report-json.js";
import { renderReportMarkdown } from "../../render/report-markdown.js";
import { renderReportText } from "../../render/report-text.js";
import { type CliContext, useColour } from "../context.js";
import { appendStepSummary, readGitHubEnv, requireGitHubTarget } from "../github-env.js";
import { publishReport } from "../publish-report.js";
import {
  parseFailOn,
  parsePullRequestNumber,
  resolveNow,
  runReconcilePipeline,
} from "../reconcile-pipeline.js";
import type { ReportCommandOptions, ReportFormat } from "./report-options.js";

export interface ReconcileCommandOptions extends ReportCommandOptions {
  readonly comment: boolean;
  readonly pr?: string;
}

/** `cspops reconcile` (docs/cli.md): exit 0 report made, 1 invalid instances, 3 service failure, 4 a --fail-on status. */
export async function runReconcile(options: ReconcileCommandOptions, context: CliContext): Promise<number> {
  // Every usage error surfaces before any file is read or any service is called.
  const failOn = parseFailOn(options.failOn);
  const now = resolveNow(options.now, context);
  const pr = parsePullRequestNumber(options.pr);
  const target = options.comment
    ? requireGitHubTarget("--comment", readGitHubEnv(context.env), pr)
    : undefined;

  const { report } = await runReconcilePipeline(
    { dir: options.dir, observed: options.observed, now, allowEmpty: options.allowEmpty },
    context,
  );
  await writeReport(report, options.format, context);
  if (target !== undefined) await publishReport(report, target, context);
  return exitCodeFor(report, failOn);
}

/** 4 when any instance has a status listed in `--fail-on`, else 0. */
/** Exit 4 when an instance has a `failOn` status, unless its problem is acknowledged (`spec.acknowledge`). */
export function exitCodeFor(report: ReconcileReport, failOn: ReadonlySet<ReconcileStatus>): number {
  return report.instances.some(
    (instance) => failOn.has(instance.status) && instance.acknowledged === undefined,
  )
    ? ExitCode.failOnStatus
    : ExitCode.ok;
}

/** Writes the report to stdout in `format`; `github` also appends the Markdown to the job summary. */
export async function writeReport(
  report: ReconcileReport,
  format: ReportFormat,
  context: CliContext,
  /** The command the Markdown footer names; `cspops reconcile` unless given. */
  command?: string,
): Promise<void> {
  switch (format) {
    case "json":
      context.stdout.write(renderReportJson(report));
      return;
    case "markdown":
      context.stdout.write(renderReportMarkdown(report, { command }));
      return;
    case "github": {
      const { annotations, summary } = renderReportGithub(report);
      context.stdout.write(annotations);
      await appendStepSummary(context.env, summary);
      return;
    }
    case "text":
      context.stdout.write(renderReportText(report, { useColour: useColour(context.stdout, context.env) }));
      return;
  }
}
