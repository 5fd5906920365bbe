import { Command, Option } from "commander";
import type { CommandDeclaration } from "../program.js";
import type { DriftCommandOptions } from "./drift.js";

export const driftCommand: CommandDeclaration = (context, finish) =>
  new Command("drift")
    .description(
      "Reconcile every instance and, with --issue, keep one dashboard issue up to date. Exits 4 while anything is not ready.",
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
    .option("--issue", "open, update, close or reopen the drift dashboard issue", false)
    .option(
      "--fail-on <statuses>",
      "exit 4 only when an instance has one of these statuses (default: any status but ready)",
    )
    .action(async (options: DriftCommandOptions) => {
      const { runDrift } = await import("./drift.js");
      finish(await runDrift(options, context));
    });
