import { Command } from "commander";
import type { CommandDeclaration } from "../command.js";

export const observeCommand: CommandDeclaration = (context, finish) =>
  new Command("observe")
    .description(
      "Read the live state of every instance's partner tenant from Microsoft Graph into a snapshot file.",
    )
    .option("--dir <path>", "folder of instance files", "instances")
    .option("--allow-empty", "succeed when the folder holds no instance file (by default that fails)")
    .requiredOption("--out <file>", "where to write the snapshot (replaced atomically; - for stdout)")
    .option(
      "--shard <I/N>",
      "observe only shard I of N: the tenants whose id hashes to it (merge all N with `cspops snapshot merge`)",
    )
    .action(async (options: { dir: string; out: string; allowEmpty?: boolean; shard?: string }) => {
      const { runObserve } = await import("./observe.js");
      finish(await runObserve(options, context));
    });
