import type { CommandDeclaration } from "../command.js";
import type { ReconcileCommandOptions } from "./reconcile.js";
import { declareReportCommand } from "./report-options.js";

export const reconcileCommand: CommandDeclaration = (context, finish) =>
  declareReportCommand(
    "reconcile",
    "Compare the instances with what Microsoft Entra shows and report, per instance, its status, what to do, who acts and the consent link.",
  )
    .option("--comment", "create or update the pull request comment with the report", false)
    .option("--pr <number>", "pull request to comment on (default: from GITHUB_EVENT_PATH)")
    .option("--fail-on <statuses>", "exit 4 when any instance has one of these statuses (comma-separated)")
    .action(async (options: ReconcileCommandOptions) => {
      const { runReconcile } = await import("./reconcile.js");
      finish(await runReconcile(options, context));
    });
