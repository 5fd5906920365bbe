import { Command, Option } from "commander";
import type { CommandDeclaration } from "../command.js";

export const validateCommand: CommandDeclaration = (context, finish) =>
  new Command("validate")
    .description("Load every instance file, check it against the schema and the cross-file rules.")
    .option("--dir <path>", "folder of instance files", "instances")
    .option("--allow-empty", "succeed when the folder holds no instance file (by default that fails)")
    .addOption(
      new Option("--format <format>", "output format").choices(["text", "json", "github"]).default("text"),
    )
    .action(async (options: { dir: string; format: "text" | "json" | "github"; allowEmpty?: boolean }) => {
      const { runValidate } = await import("./validate.js");
      finish(await runValidate(options, context));
    });
