import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT } from "../support/run-cli.js";

// A kill during `observe --out` must leave the previous snapshot whole and no temporary file
// (docs/cli.md, `observe`). The writer runs in a child process of the built dist/ (`npm test`
// builds first), writing a snapshot large enough that the signal lands while it is being written.

const WRITER = pathToFileURL(join(ROOT, "dist/adapters/snapshot-file.js")).href;
const PREVIOUS = '{"previous": true}\n';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "cspops-snapshot-signal-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("an interrupted snapshot write", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`removes its temporary file on ${signal}, keeps the previous file, and ends by the signal`, async () => {
      const target = join(folder, "observed.json");
      await writeFile(target, PREVIOUS);
      const script = [
        `import { writeSnapshotFileAtomic } from ${JSON.stringify(WRITER)};`,
        // ~200 MB of JSON: long enough to write that the parent sees the temporary file first.
        `const filler = "x".repeat(1_000_000);`,
        `const snapshot = { schemaVersion: 1, filler: Array.from({ length: 200 }, () => filler) };`,
        `await writeSnapshotFileAtomic(${JSON.stringify(target)}, snapshot);`,
        `process.stdout.write("finished");`,
      ].join("\n");
      const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      const exited = once(child, "exit");

      const sawTemporary = await waitForTemporaryFile(folder, () => child.exitCode !== null);
      expect(sawTemporary, "the temporary file appeared before the write finished").toBe(true);
      child.kill(signal);
      const [code, endedBy] = await exited;

      expect(stdout).toBe("");
      expect({ code, endedBy }).toEqual({ code: null, endedBy: signal });
      expect(await readdir(folder)).toEqual(["observed.json"]);
      expect(await readFile(target, "utf8")).toBe(PREVIOUS);
    }, 60_000);
  }
});

/** Polls the folder until a `.tmp` file shows up (true) or the child ended (false). */
async function waitForTemporaryFile(path: string, ended: () => boolean): Promise<boolean> {
  for (;;) {
    if ((await readdir(path)).some((name) => name.endsWith(".tmp"))) return true;
    if (ended()) return false;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
