import { Command, Option } from "commander";

export const REPORT_FORMATS = ["text", "json", "markdown", "github"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What `reconcile` and `drift` both take (docs/cli.md: drift has reconcile's options). */
export interface ReportCommandOptions {
  readonly dir: string;
  readonly observed?: string;
  readonly now?: string;
  readonly format: ReportFormat;
  readonly failOn?: string;
  readonly allowEmpty?: boolean;
}

/**
 * A command that plans and reports, with the options `reconcile` and `drift` share declared once;
 * each adds its own (`--comment`, `--issue`, `--fail-on` with its own default) after these.
 */
export function declareReportCommand(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .option("--dir <path>", "folder of instance files", "instances")
    .option("--allow-empty", "succeed when the folder holds no instance file (by default that fails)")
    .option(
      "--observed <file>",
      "read the observed state from a snapshot (`cspops observe --out`) instead of Graph",
    )
    .option("--now <iso>", "judge as of this instant (ISO 8601; default CSPOPS_NOW, else the clock)")
    .addOption(new Option("--format <format>", "output format").choices(REPORT_FORMATS).default("text"));
}
