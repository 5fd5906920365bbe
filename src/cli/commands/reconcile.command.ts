import { Command, Option } from "commander";
import type { CommandDeclaration } from "../program.js";
import type { ReconcileCommandOptions } from "./reconcile.js";

export const reconcileCommand: CommandDeclaration = (context, finish) =>
  new Command("reconcile")
    .description(
      "Compare the instances with what Microsoft Entra shows and report, per instance, its status, what to do, who acts and the consent link.",
    )
    .option("--dir <path>", "folder of instance files", "instances")
    .option(
      "--observed <file>",
      "read the observed state from a snapshot (`cspops observe --out`) instead of Graph",
    )
    .option("--now <iso>", "judge as of this instant (ISO 8601; default CSPOPS_NOW, else the clock)")
    .addOption(
      new Option("--format <format>", "output format")
        .choices(["text", "json", "markdown", "github"])
        .default("text"),
    )
    .option("--comment", "create or update the pull request comment with the report", false)
    .option("--pr <number>", "pull request to comment on (default: from GITHUB_EVENT_PATH)")
    .option("--fail-on <statuses>", "exit 4 when any instance has one of these statuses (comma-separated)")
    .action(async (options: ReconcileCommandOptions) => {
      const { runReconcile } = await import("./reconcile.js");
      finish(await runReconcile(options, context));
    });
