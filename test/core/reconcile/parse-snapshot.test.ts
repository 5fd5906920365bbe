import { describe, expect, it } from "vitest";
import { parseSnapshot } from "../../../src/core/snapshot/parse-snapshot.js";
import { passwordCredential } from "../../support/graph-builders.js";
import { readyScenario, snapshotOfScenarios } from "./scenario.js";

const problemsOf = (text: string) => {
  const result = parseSnapshot(text);
  return result.ok ? [] : result.problems.map((problem) => `${problem.path} ${problem.message}`.trim());
};

describe("parseSnapshot", () => {
  it("accepts a snapshot built from documented Graph shapes", () => {
    const snapshot = snapshotOfScenarios(readyScenario());

    const result = parseSnapshot(JSON.stringify(snapshot));

    expect(result).toEqual({ ok: true, snapshot });
  });

  it("accepts a shard's snapshot, and refuses a shard index beyond the count or a malformed instance set", () => {
    const shard = (value: unknown) =>
      JSON.stringify({ schemaVersion: 1, observedAt: "2026-11-20T10:00:00Z", shard: value, tenants: {} });
    const instanceSet = `sha256:${"0a".repeat(32)}`;

    expect(parseSnapshot(shard({ index: 2, count: 4, instanceSet }))).toMatchObject({
      ok: true,
      snapshot: { shard: { index: 2, count: 4, instanceSet } },
    });
    expect(problemsOf(shard({ index: 5, count: 4, instanceSet }))).toEqual([
      "/shard/index is larger than /shard/count (4)",
    ]);
    expect(problemsOf(shard({ index: 0, count: 4, instanceSet }))).toEqual(["/shard/index must be >= 1"]);
    expect(problemsOf(shard({ index: 1, count: 4, instanceSet: "abc" }))).toEqual([
      '/shard/instanceSet must match pattern "^sha256:[0-9a-f]{64}$"',
    ]);
    expect(problemsOf(shard({ index: 1, count: 4 }))).toEqual([
      "/shard is missing the required field 'instanceSet'",
    ]);
  });

  it("accepts a tenant whose lists are missing (unknown) and one with an error", () => {
    const text = JSON.stringify({
      schemaVersion: 1,
      observedAt: "2026-11-20T10:00:00Z",
      tenants: {
        "6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e": {},
        "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f": {
          error: { status: 403, code: "Authorization_RequestDenied", message: "Insufficient privileges." },
        },
      },
    });

    expect(parseSnapshot(text).ok).toBe(true);
  });

  it("says where the JSON breaks, by line and column", () => {
    expect(problemsOf('{\n  "schemaVersion": 1\n  "observedAt": 2 }')).toEqual([
      "not valid JSON at line 3, column 3: Expected ',' or '}' after property value",
    ]);
  });

  it("says what token breaks the JSON when V8 gives no position", () => {
    expect(problemsOf('{\n  "schemaVersion": 1,\n  "observedAt": }')).toEqual([
      "not valid JSON: Unexpected token '}'",
    ]);
  });

  it("says an empty file is empty", () => {
    expect(problemsOf("  \n")).toEqual(["the file is empty"]);
  });

  it("names missing and unknown fields with their JSON pointer", () => {
    const text = JSON.stringify({ schemaVersion: 2, tenants: {}, extra: true });

    expect(problemsOf(text)).toEqual([
      "is missing the required field 'observedAt'",
      "has an unknown field 'extra'",
      "/schemaVersion must be 1",
    ]);
  });

  it("refuses a tenant key that is not a GUID and a list misspelt", () => {
    const text = JSON.stringify({
      schemaVersion: 1,
      observedAt: "2026-11-20T10:00:00Z",
      tenants: { contoso: {}, "6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e": { application: [] } },
    });

    expect(problemsOf(text)).toEqual(
      expect.arrayContaining([
        "/tenants has a key 'contoso' that is not allowed",
        "/tenants/6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e has an unknown field 'application'",
      ]),
    );
  });

  it("refuses a snapshot carrying a secret, without repeating it", () => {
    const canary = "abc8Q~canaryCANARYcanaryCANARYcanary12";
    const scenario = readyScenario();
    const [app] = scenario.tenant.applications ?? [];
    if (app === undefined) throw new Error("scenario without app");
    scenario.tenant.applications = [
      {
        ...app,
        passwordCredentials: [{ ...passwordCredential({ endDateTime: null }), secretText: canary as never }],
      },
    ];

    const problems = problemsOf(JSON.stringify(snapshotOfScenarios(scenario)));

    expect(problems).toEqual([
      expect.stringContaining("/passwordCredentials/0/secretText carries a secret value"),
    ]);
    expect(problems.join("\n")).not.toContain(canary);
  });

  it("never echoes the text of invalid JSON", () => {
    const canary = "abc8Q~canaryCANARYcanaryCANARYcanary12";

    const problems = problemsOf(`{"x": ${canary}}`);

    expect(problems.join("\n")).not.toContain("canary");
  });

  it("refuses an observedAt that is not a real date", () => {
    const text = JSON.stringify({ schemaVersion: 1, observedAt: "2026-02-30T10:00:00Z", tenants: {} });

    expect(problemsOf(text)).toEqual(["/observedAt is not a real date and time"]);
  });
});
