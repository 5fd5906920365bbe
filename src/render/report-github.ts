import type { ReconcileReport } from "../core/reconcile/report.js";
import { workflowCommand } from "./escape/workflow-command.js";
import { orderFindings } from "./report-facts.js";
import { renderReportMarkdown } from "./report-markdown.js";

/** GitHub caps a step summary at 1 MiB; keep well under it. */
const STEP_SUMMARY_MAX_CHARS = 900_000;

export interface GithubReport {
  /** Workflow commands for stdout: one annotation per finding, on the instance's file. */
  readonly annotations: string;
  /** Markdown for `$GITHUB_STEP_SUMMARY`. */
  readonly summary: string;
}

/**
 * The report for GitHub Actions (`--format github`): errors and warnings become annotations on the
 * instance files, and the Markdown report becomes the job summary.
 */
export function renderReportGithub(report: ReconcileReport): GithubReport {
  const annotations = report.instances.flatMap((instance) =>
    orderFindings(instance).map((finding) => {
      const command =
        finding.severity === "error" ? "error" : finding.severity === "warning" ? "warning" : "notice";
      const title = `${instance.name}: ${instance.status} (${finding.code})`;
      const link =
        instance.consentUrl !== null && finding.code.startsWith("consent.")
          ? `\nConsent link (${instance.adminAgent} opens it and approves): ${instance.consentUrl}`
          : "";
      return workflowCommand(command, { file: instance.file, title }, `${finding.message}${link}`);
    }),
  );
  return {
    annotations: annotations.join(""),
    summary: renderReportMarkdown(report, { marker: "", maxChars: STEP_SUMMARY_MAX_CHARS }),
  };
}
