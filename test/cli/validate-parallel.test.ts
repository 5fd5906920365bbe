import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateInstances } from "../../bench/validate/generate.mjs";
import { listInstanceFiles, readInstanceSources } from "../../src/adapters/instance-files.js";
import { checkInParallel } from "../../src/cli/validate-parallel.js";
import { checkSourceAlone, type FileOutcome } from "../../src/core/instance/validation-steps.js";
import { ROOT } from "../support/run-cli.js";

// The worker as built (`npm run build`): vitest runs src/ as TypeScript, a worker needs JavaScript.
const WORKER = pathToFileURL(join(ROOT, "dist/cli/validate-worker.js"));
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cspops-parallel-"));
  generateInstances(dir, 200);
  const corpus = join(ROOT, "test/corpus/invalid");
  for (const name of readdirSync(corpus).filter((file) => file.endsWith(".yaml"))) {
    copyFileSync(join(corpus, name), join(dir, name));
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An outcome as a worker posts it: a clean file's data stays in the worker. */
const posted = (outcome: FileOutcome): FileOutcome =>
  outcome.kind === "clean" ? { ...outcome, data: undefined } : outcome;

async function oneThread() {
  const sources = await readInstanceSources(dir, ROOT);
  return {
    files: sources.map((source) => source.file),
    text: sources.map((source) => Buffer.from(source.bytes).toString("latin1")),
    outcomes: sources.map((source) => posted(checkSourceAlone(source))),
  };
}

describe("checkInParallel", () => {
  it("gives every file's source and outcome in order, the workers doing part of the chunks", async () => {
    const listing = await listInstanceFiles(dir, ROOT);
    const checked = await checkInParallel(listing, 3, { keepData: true, workerScript: WORKER });

    expect(checked?.chunksByWorkers).toBeGreaterThan(0);
    expect({
      files: checked?.sources.map((source) => source.file),
      text: checked?.sources.map((source) => Buffer.from(source.bytes).toString("latin1")),
      outcomes: checked?.outcomes.map(posted),
    }).toEqual(await oneThread());
  });

  it("does every chunk on this thread when no worker starts", async () => {
    const listing = await listInstanceFiles(dir, ROOT);
    const checked = await checkInParallel(listing, 2, {
      keepData: false,
      workerScript: pathToFileURL(join(dir, "no-such-worker.js")),
    });

    expect(checked?.chunksByWorkers).toBe(0);
    expect(checked?.outcomes.map(posted)).toEqual((await oneThread()).outcomes);
  });
});
