import { Option } from "commander";
import { WEBHOOK_FORMATS } from "../../render/webhook-payload.js";
import type { CommandDeclaration } from "../command.js";
import type { DriftCommandOptions } from "./drift.js";
import { declareReportCommand } from "./report-options.js";

export const driftCommand: CommandDeclaration = (context, finish) =>
  declareReportCommand(
    "drift",
    "Reconcile every instance and, with --issue, keep one dashboard issue up to date. Exits 4 while anything is not ready.",
  )
    .option("--issue", "open, update, close or reopen the drift dashboard issue", false)
    .option(
      "--fail-on <statuses>",
      "exit 4 only when an instance has one of these statuses (default: any status but ready)",
    )
    .option(
      "--notify-webhook <url>",
      "with --issue, also post each state-change notification to this incoming webhook (default CSPOPS_NOTIFY_WEBHOOK)",
    )
    .addOption(
      new Option("--notify-format <format>", "the webhook's message format (default: from its host)").choices(
        WEBHOOK_FORMATS,
      ),
    )
    .action(async (options: DriftCommandOptions) => {
      const { runDrift } = await import("./drift.js");
      finish(await runDrift(options, context));
    });
