import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type CliHarness,
  EXAMPLES_SNAPSHOT,
  REPOSITORY,
  ROOT,
  startCliHarness,
} from "../emulator/github/cli-harness.js";
import { createContractChecker } from "../emulator/github/openapi-contract.js";

const MARKER = "<!-- cspops:drift -->";
const NOW = "2026-11-20T10:00:00Z";
const contract = createContractChecker();
let harness: CliHarness;
let onlyPrimary: string;

beforeEach(async () => {
  harness = await startCliHarness();
  // contoso-primary alone is ready on NOW; the other examples are not.
  onlyPrimary = join(harness.scratch, "instances");
  mkdirSync(onlyPrimary);
  copyFileSync(join(ROOT, "instances/contoso-primary.yaml"), join(onlyPrimary, "contoso-primary.yaml"));
});

afterEach(async () => {
  expect(contract.checkAll(harness.emulator.requests)).toEqual([]);
  await harness.close();
});

const drift = (args: readonly string[], now = NOW) =>
  harness.run(["drift", "--observed", EXAMPLES_SNAPSHOT, "--now", now, ...args]);
const dashboards = () =>
  harness.emulator.state.issuesOf(REPOSITORY).map((issue) => ({
    number: issue.number,
    state: issue.state,
    reason: issue.stateReason,
    labels: issue.labels,
    marked: issue.body?.startsWith(MARKER) === true,
  }));

describe("cspops drift --issue", () => {
  it("opens, keeps, closes and reopens one dashboard issue as the state changes", async () => {
    const opened = await drift(["--issue"]);
    const writesAfterOpening = harness.emulator.writes().length;
    const kept = await drift(["--issue"], "2026-11-20T18:00:00Z");
    const writesAfterKeeping = harness.emulator.writes().length;
    const closed = await drift(["--issue", "--dir", onlyPrimary]);
    const whileClosed = dashboards();
    const reopened = await drift(["--issue", "--dir", onlyPrimary], "2027-03-01T10:00:00Z");

    expect([opened.code, kept.code, closed.code, reopened.code]).toEqual([4, 4, 0, 4]);
    expect(opened.stderr).toMatch(/cspops: created the drift issue #\d+: http/);
    expect(kept.stderr).toContain("the drift issue is up to date");
    expect(writesAfterKeeping).toBe(writesAfterOpening);
    expect(closed.stderr).toContain("closed the drift issue");
    expect(whileClosed).toEqual([
      { number: 2, state: "closed", reason: "completed", labels: ["cspops-drift"], marked: true },
    ]);
    expect(reopened.stderr).toContain("reopened the drift issue");
    expect(dashboards()).toEqual([
      { number: 2, state: "open", reason: "reopened", labels: ["cspops-drift"], marked: true },
    ]);
    expect(harness.emulator.state.issuesOf(REPOSITORY)[0]?.body).toContain("Made by `cspops drift`");
    expect(harness.emulator.state.issuesOf(REPOSITORY)[0]?.title).toBe(
      "cspops drift: 1 of 1 partner instance needs action",
    );
  });

  it("signs the Markdown it prints as cspops drift", async () => {
    const printed = await drift(["--format", "markdown"]);

    expect(printed.stdout).toContain("Made by `cspops drift`");
    expect(printed.stdout).not.toContain("Made by `cspops reconcile`");
  });

  it("writes nothing when all is ready and there is no issue to close", async () => {
    const nothing = await drift(["--issue", "--dir", onlyPrimary]);

    expect(nothing.code).toBe(0);
    expect(nothing.stderr).toContain("there is no drift issue to close");
    expect(harness.emulator.writes()).toEqual([]);
  });

  it("exits 4 without --issue while anything is not ready, and as --fail-on says with it", async () => {
    const plain = await drift([]);
    const onlyBlocked = await drift(["--fail-on", "not-provisioned"]);

    expect(plain.code).toBe(4);
    expect(onlyBlocked.code).toBe(0);
    expect(harness.emulator.requests).toEqual([]);
  });

  it("a token that may not write issues: exit 3 and the permission to add", async () => {
    await harness.close();
    harness = await startCliHarness({
      emulator: { tokens: { "emulator-token": { login: "github-actions[bot]", access: "read" } } },
    });

    const run = await drift(["--issue"]);

    expect(run.code).toBe(3);
    expect(run.stderr).toContain("`permissions: issues: write`");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
