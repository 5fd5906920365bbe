import { randomBytes } from "node:crypto";
import { open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { InputError } from "../core/diagnostics/errors.js";
import { parseSnapshot } from "../core/snapshot/parse-snapshot.js";
import type { ObservedSnapshot } from "../core/snapshot/snapshot.js";
import { READ_LIMITS, readBoundedText } from "./bounded-read.js";

export interface SnapshotFileOptions {
  /** How to name the file in messages (the path as the user typed it); defaults to `path`. */
  readonly displayPath?: string;
}

/**
 * Reads and checks an observed snapshot file. An unreadable or malformed file is one `InputError`
 * that names the file and says what is wrong (exit 1), never a stack trace.
 */
export async function readSnapshotFile(
  path: string,
  options: SnapshotFileOptions = {},
): Promise<ObservedSnapshot> {
  const shown = options.displayPath ?? path;
  const text = readBoundedText(path, {
    maxBytes: READ_LIMITS.snapshot,
    shownAs: `the snapshot file ${shown}`,
    hint: "pass the file written by `cspops observe --out FILE` to --observed",
  });
  const result = parseSnapshot(text);
  if (!result.ok) {
    const lines = result.problems.map((problem) =>
      problem.path === "" ? problem.message : `${problem.path} ${problem.message}`,
    );
    throw new InputError(`${shown} is not a valid observed snapshot:\n  - ${lines.join("\n  - ")}`, {
      hint: "the format is schemas/observed-snapshot.schema.json; `cspops observe --out FILE` writes it",
    });
  }
  return result.snapshot;
}

/**
 * Writes a snapshot so that a reader never sees half a file: a temporary file in the same folder
 * (so the rename stays on one file system), flushed to disk, then renamed over the target. An
 * interrupted run leaves the previous file whole.
 */
export async function writeSnapshotFileAtomic(path: string, snapshot: ObservedSnapshot): Promise<void> {
  const folder = dirname(path);
  const temporary = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await open(temporary, "wx", 0o644);
  try {
    await handle.writeFile(`${JSON.stringify(snapshot, null, 2)}\n`, "utf8");
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
}

/** Persists the rename itself; some platforms cannot open a folder, which only weakens durability. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the data is already on disk under its final name.
  }
}
