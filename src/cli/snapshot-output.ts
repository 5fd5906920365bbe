import { resolve } from "node:path";
import { checkSnapshotTarget, writeSnapshotFileAtomic } from "../adapters/snapshot-file.js";
import { InputError } from "../core/diagnostics/errors.js";
import type { ObservedSnapshot } from "../core/snapshot/snapshot.js";
import type { CliContext } from "./context.js";

/** Where `--out` sends a snapshot (docs/cli.md, `observe` and `snapshot merge`). */
export interface SnapshotOutput {
  /** How the summary names the destination: the path as the user typed it, or `stdout`. */
  readonly shownAs: string;
  write(snapshot: ObservedSnapshot): Promise<void>;
}

/**
 * Checks `--out` before any work (a missing folder or an unwritable file fails now, not after
 * observing) and returns the writer: stdout for `-`, else an atomic write keeping the file's mode.
 */
export async function prepareSnapshotOutput(out: string, context: CliContext): Promise<SnapshotOutput> {
  if (out === "-") {
    return {
      shownAs: "stdout",
      write: async (snapshot) => {
        context.stdout.write(`${JSON.stringify(snapshot, null, 2)}\n`);
      },
    };
  }
  const path = resolve(context.cwd, out);
  const target = await checkSnapshotTarget(path, out);
  return {
    shownAs: out,
    write: async (snapshot) => {
      try {
        await writeSnapshotFileAtomic(path, snapshot, target.mode);
      } catch (error) {
        throw new InputError(`cannot write the snapshot to ${out}: ${(error as Error).message}`, {
          hint: "--out must name a file in a folder that exists and that you may write to",
          cause: error,
        });
      }
    },
  };
}
