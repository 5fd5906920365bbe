import type { GitHubPort } from "../../adapters/github/github-port.js";
import { UsageError } from "../../core/diagnostics/errors.js";
import { readStateBlock, renderStateBlock, stateOf } from "../../core/notify/dashboard-state.js";
import { detectChanges } from "../../core/notify/detect-changes.js";
import { RECONCILE_STATUSES, type ReconcileReport } from "../../core/reconcile/report.js";
import { renderAllReadyComment, renderWorseningComment } from "../../render/dashboard-notification.js";
import { terminalText } from "../../render/escape/terminal.js";
import { countNotReady } from "../../render/report-facts.js";
import { renderReportMarkdown, reportTitle, VOLATILE_REPORT_TIMES } from "../../render/report-markdown.js";
import type { DashboardNotification, WebhookFormat } from "../../render/webhook-payload.js";
import { type CliContext, envText } from "../context.js";
import { readGitHubEnv, requireGitHubTarget } from "../github-env.js";
import { connectGitHub } from "../publish-report.js";
import { parseFailOn, resolveNow, runReconcilePipeline } from "../reconcile-pipeline.js";
import { type DashboardOutcome, describeIssue } from "./drift-outcome.js";
import { exitCodeFor, writeReport } from "./reconcile.js";
import type { ReportCommandOptions } from "./report-options.js";

export interface DriftCommandOptions extends ReportCommandOptions {
  readonly issue: boolean;
  readonly notifyWebhook?: string;
  readonly notifyFormat?: WebhookFormat;
}

const DRIFT_ISSUE_MARKER = "<!-- cspops:drift -->";
const DRIFT_LABEL = {
  name: "cspops-drift",
  color: "d93f0b",
  description: "cspops: partner instances that drifted or need consent",
} as const;

/**
 * `cspops drift` (docs/cli.md): reconcile over every instance; `--issue` keeps the one dashboard
 * issue true and comments on it when an instance gets worse (docs/pr-comment-and-dashboard.md).
 * Exit 4 while any instance that is not acknowledged is not ready (or, with `--fail-on`, has one of
 * those statuses), 3 when GitHub or the webhook fails, 1 for invalid instances.
 */
export async function runDrift(options: DriftCommandOptions, context: CliContext): Promise<number> {
  const failOn = options.failOn === undefined ? NOT_READY : parseFailOn(options.failOn);
  const now = resolveNow(options.now, context);
  const target = options.issue ? requireGitHubTarget("--issue", readGitHubEnv(context.env)) : undefined;
  const webhook = readWebhook(options, context);

  const { report } = await runReconcilePipeline(
    { dir: options.dir, observed: options.observed, now, allowEmpty: options.allowEmpty },
    context,
  );
  await writeReport(report, options.format, context, "cspops drift");
  if (target !== undefined) {
    const port = await connectGitHub(target.github);
    const outcome = await updateDashboard(port, report);
    context.stderr.write(`cspops: ${terminalText(describeIssue(outcome))}\n`);
    const notification = notificationOf(outcome, report);
    if (webhook !== undefined && notification !== undefined) {
      const [{ postWebhook }, { renderWebhookPayload, webhookFormatFor }] = await Promise.all([
        import("../../adapters/webhook/post-webhook.js"),
        import("../../render/webhook-payload.js"),
      ]);
      const format = options.notifyFormat ?? webhookFormatFor(webhook);
      await postWebhook(webhook, renderWebhookPayload(notification, format));
      context.stderr.write(`cspops: posted the notification to the webhook (${format})\n`);
    }
  }
  return exitCodeFor(report, failOn);
}

const NOT_READY = new Set(RECONCILE_STATUSES.filter((status) => status !== "ready"));

/**
 * Reads what the last run left in the dashboard, tells people what got worse (a comment: editing a
 * body notifies nobody), then makes the issue say the new report. The comment comes first, so a run
 * that fails half-way notifies again next time rather than never.
 */
async function updateDashboard(port: GitHubPort, report: ReconcileReport): Promise<DashboardOutcome> {
  const existing = await port.findIssue({ marker: DRIFT_ISSUE_MARKER, label: DRIFT_LABEL });
  const changes = detectChanges(readStateBlock(existing?.body), report);
  const anyNotReady = countNotReady(report) > 0;
  let comment: DashboardOutcome["comment"];
  if (existing !== undefined && anyNotReady && changes.worsened.length > 0) {
    const action = existing.state === "closed" ? "reopened" : "updated";
    comment = {
      kind: "worsened",
      ...(await port.addComment(existing.number, renderWorseningComment(changes.worsened, action))),
    };
  } else if (existing !== undefined && !anyNotReady && existing.state === "open") {
    comment = {
      kind: "all-ready",
      ...(await port.addComment(existing.number, renderAllReadyComment(report.instances.length))),
    };
  }

  const title = reportTitle(report, "cspops drift");
  const markdown = renderReportMarkdown(report, {
    marker: DRIFT_ISSUE_MARKER,
    title,
    command: "cspops drift",
  });
  const request = {
    marker: DRIFT_ISSUE_MARKER,
    label: DRIFT_LABEL,
    title,
    body: `${markdown}${renderStateBlock(stateOf(report))}\n`,
    volatile: VOLATILE_REPORT_TIMES,
  };
  const issue = anyNotReady ? await port.ensureIssue(request) : await port.ensureIssueClosed(request);
  return { issue, changes, comment, created: existing === undefined };
}

/** What chat hears: the same news as the comment, or the first dashboard with anything to act on. */
function notificationOf(
  outcome: DashboardOutcome,
  report: ReconcileReport,
): DashboardNotification | undefined {
  const common = { instanceCount: report.instances.length, issueUrl: outcome.issue.url };
  if (outcome.comment?.kind === "all-ready") return { event: "all-ready", worsened: [], ...common };
  const worsened = outcome.changes.worsened;
  if (worsened.length > 0 && (outcome.comment !== undefined || outcome.created))
    return { event: "worsened", worsened, ...common };
  return undefined;
}

/** `--notify-webhook` (or `CSPOPS_NOTIFY_WEBHOOK`), checked before any work; never echoed. */
function readWebhook(options: DriftCommandOptions, context: CliContext): URL | undefined {
  const text = options.notifyWebhook ?? envText(context.env, "CSPOPS_NOTIFY_WEBHOOK");
  if (text === undefined) return undefined;
  const source = options.notifyWebhook === undefined ? "CSPOPS_NOTIFY_WEBHOOK" : "--notify-webhook";
  if (!options.issue) {
    throw new UsageError(`${source} needs --issue`, {
      hint: "notifications are state changes, and the previous state is read from the dashboard issue",
    });
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${source} is not a URL`, { hint: "give the incoming webhook's https:// address" });
  }
  const local = url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    throw new UsageError(`${source} must be an https:// URL`, {
      hint: "webhook URLs are credentials: cspops sends them only over TLS (http only to this machine, for tests)",
    });
  }
  return url;
}
