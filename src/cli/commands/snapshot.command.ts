import { Command } from "commander";
import type { CommandDeclaration } from "../command.js";

export const snapshotCommand: CommandDeclaration = (context, finish) =>
  new Command("snapshot")
    .description("Work with snapshot files: join the shards of a split observation.")
    .addCommand(
      new Command("merge")
        .description(
          "Join the snapshots of all N shards (`observe --shard I/N`) into one, as an unsharded observe would have written it.",
        )
        .argument("<files...>", "the snapshot of every shard, 1/N … N/N, in any order")
        .requiredOption(
          "--out <file>",
          "where to write the merged snapshot (replaced atomically; - for stdout)",
        )
        .action(async (files: string[], options: { out: string }) => {
          const { runSnapshotMerge } = await import("./snapshot-merge.js");
          finish(await runSnapshotMerge({ files, out: options.out }, context));
        }),
    );
