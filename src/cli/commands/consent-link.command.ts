import { Command } from "commander";
import type { CommandDeclaration } from "../command.js";
import type { ConsentLinkOptions } from "./consent-link.js";

export const consentLinkCommand: CommandDeclaration = (context, finish) =>
  new Command("consent-link")
    .description(
      "Print the consent link the instance's admin agent opens to grant the BSS Partner Center access.",
    )
    .argument("<name>", "metadata.name of the instance")
    .option("--dir <path>", "folder of instance files", "instances")
    .option("--observed <file>", "find the app in a snapshot (`cspops observe --out`) instead of Graph")
    .action(async (name: string, options: Omit<ConsentLinkOptions, "name">) => {
      const { runConsentLink } = await import("./consent-link.js");
      finish(await runConsentLink({ ...options, name }, context));
    });
