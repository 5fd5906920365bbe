import { Command } from "commander";
import type { CommandDeclaration } from "../command.js";

export const bssFormCommand: CommandDeclaration = (context, finish) =>
  new Command("bss-form")
    .description(
      "Print the BSS form's fields for one instance from `pulumi stack output --json --show-secrets` (stdin or --file).",
    )
    .argument("<name>", "instance name (metadata.name)")
    .option("--file <path>", "read the stack outputs from this file instead of stdin")
    .option("--show-key", "print the Key itself instead of masking it", false)
    .action(async (name: string, options: { file?: string; showKey: boolean }) => {
      const { runBssForm } = await import("./bss-form.js");
      finish(await runBssForm(name, options, context));
    });
