import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { planReconcile } from "../../../src/core/reconcile/plan-reconcile.js";
import { RECONCILE_STATUSES } from "../../../src/core/reconcile/report.js";
import type { ObservedSnapshot } from "../../../src/core/snapshot/snapshot.js";
import {
  ALL_STATUSES_DIR,
  buildAllStatusesFixture,
  buildExamplesSnapshot,
  EXAMPLES_SNAPSHOT,
  readInstancesPlainly,
  serialise,
} from "../../fixtures/snapshots/build-fixtures.js";
import { NOW } from "./scenario.js";

const root = join(import.meta.dirname, "../../..");
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));
const validateReport = new Ajv2020.default({ allErrors: true, strict: true }).compile(
  readJson(join(root, "schemas/reconcile-report.schema.json")) as object,
);

describe("snapshot fixtures", () => {
  it("are what build-fixtures.ts makes (regenerate with `npx tsx test/fixtures/snapshots/build-fixtures.ts`)", () => {
    const built = buildAllStatusesFixture();

    expect(readFileSync(join(ALL_STATUSES_DIR, "snapshot.json"), "utf8")).toBe(serialise(built.snapshot));
    for (const [name, text] of built.instances) {
      expect(readFileSync(join(ALL_STATUSES_DIR, "instances", name), "utf8")).toBe(text);
    }
    expect(readFileSync(EXAMPLES_SNAPSHOT, "utf8")).toBe(serialise(buildExamplesSnapshot()));
  });

  it("give every status of docs/statuses.md in a report that matches the report schema", () => {
    const instances = readInstancesPlainly(join(ALL_STATUSES_DIR, "instances"));
    const snapshot = readJson(join(ALL_STATUSES_DIR, "snapshot.json")) as ObservedSnapshot;

    const report = planReconcile(instances, snapshot, NOW);

    expect(Object.fromEntries(report.instances.map((instance) => [instance.name, instance.status]))).toEqual({
      "blocked-primary": "blocked",
      "china-primary": "needs-consent",
      "drifted-primary": "drifted",
      "expired-primary": "consent-expired",
      "expiring-primary": "consent-expiring",
      "needs-consent-primary": "needs-consent",
      "ready-primary": "ready",
      "ready-sandbox": "ready",
      "unobserved-primary": "unknown",
      "unprovisioned-primary": "not-provisioned",
      "unreachable-primary": "unknown",
    });
    expect(new Set(report.instances.map((instance) => instance.status))).toEqual(new Set(RECONCILE_STATUSES));
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
  });

  it("give the example instances three different states", () => {
    const instances = readInstancesPlainly(join(root, "instances"));
    const snapshot = readJson(EXAMPLES_SNAPSHOT) as ObservedSnapshot;

    const report = planReconcile(instances, snapshot, new Date("2026-11-20T10:00:00Z"));

    expect(report.instances.map((instance) => [instance.name, instance.status])).toEqual([
      ["contoso-primary", "ready"],
      ["contoso-sandbox", "needs-consent"],
      ["fabrikam-china", "blocked"],
    ]);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
  });
});
