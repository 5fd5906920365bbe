import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  EXAMPLE_SNAPSHOT_FILE,
  OBSERVED_AT,
  renderExampleSnapshot,
} from "../../scripts/generate-example-snapshot.mjs";
import { parseSnapshot } from "../../src/core/snapshot/parse-snapshot.js";
import { buildExampleSeed } from "../../src/emulator/seeds/example-instances.js";
import { runCli } from "../support/run-cli.js";

const text = readFileSync(EXAMPLE_SNAPSHOT_FILE, "utf8");

describe("examples/snapshot.json", () => {
  it("is what `node scripts/generate-example-snapshot.mjs` makes of the emulator's example seed", () => {
    expect(text).toBe(renderExampleSnapshot(buildExampleSeed));
  });

  it("is a valid observed snapshot (schemas/observed-snapshot.schema.json)", () => {
    const parsed = parseSnapshot(text);

    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    expect(parsed.ok && parsed.snapshot.observedAt).toBe(OBSERVED_AT);
  });

  it("shows the example instances in the three states `npm start` shows", async () => {
    const run = await runCli([
      "reconcile",
      "--observed",
      "examples/snapshot.json",
      "--now",
      OBSERVED_AT,
      "--format",
      "json",
    ]);

    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { instances: { name: string; status: string }[] };
    expect(Object.fromEntries(report.instances.map(({ name, status }) => [name, status]))).toEqual({
      "contoso-primary": "ready",
      "contoso-sandbox": "needs-consent",
      "fabrikam-china": "blocked",
    });
  });
});
