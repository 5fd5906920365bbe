import { describe, expect, it } from "vitest";
import {
  type DashboardState,
  readStateBlock,
  renderStateBlock,
  stateOf,
} from "../../../src/core/notify/dashboard-state.js";
import { detectChanges } from "../../../src/core/notify/detect-changes.js";
import type {
  Finding,
  InstanceReport,
  ReconcileReport,
  ReconcileStatus,
} from "../../../src/core/reconcile/report.js";

function instance(
  name: string,
  status: ReconcileStatus,
  errors: readonly string[] = [],
  extra: Partial<InstanceReport> = {},
): InstanceReport {
  const findings: Finding[] = errors.map((code) => ({ code, severity: "error", message: "m" }));
  return {
    name,
    file: `instances/${name}.yaml`,
    environment: "primary",
    cloud: "global",
    tenantId: "6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e",
    adminAgent: "adele@contoso.onmicrosoft.com",
    appId: null,
    status,
    consentUrl: null,
    consentExpiresAt: null,
    lastDelegatedSignInAt: null,
    findings,
    ...extra,
  };
}

function report(...instances: InstanceReport[]): ReconcileReport {
  return {
    schemaVersion: 1,
    generatedAt: "2026-11-20T10:00:00.000Z",
    observedAt: "2026-11-20T10:00:00Z",
    summary: {},
    instances,
  };
}

const previously = (...instances: InstanceReport[]): DashboardState => stateOf(report(...instances));

describe("detectChanges", () => {
  it.each([
    [
      "a more severe status",
      previously(instance("a", "needs-consent", ["consent.missing"])),
      instance("a", "blocked", ["consent.missing"]),
      ["a"],
    ],
    [
      "a new error at the same status",
      previously(instance("a", "blocked", ["agent.no-mfa"])),
      instance("a", "blocked", ["agent.no-mfa", "agent.disabled"]),
      ["a"],
    ],
    [
      "entering the warning window",
      previously(instance("a", "ready")),
      instance("a", "consent-expiring"),
      ["a"],
    ],
    ["no previous state: every instance that is not ready", undefined, instance("a", "needs-consent"), ["a"]],
    [
      "the same status and errors",
      previously(instance("a", "blocked", ["x.y"])),
      instance("a", "blocked", ["x.y"]),
      [],
    ],
    [
      "a less severe status",
      previously(instance("a", "blocked", ["x.y"])),
      instance("a", "needs-consent", ["x.y"]),
      [],
    ],
    ["a new warning only", previously(instance("a", "ready")), instance("a", "ready"), []],
    [
      "an acknowledged instance",
      previously(instance("a", "ready")),
      instance("a", "blocked", ["x.y"], { acknowledged: { until: "2026-12-01", reason: "r" } }),
      [],
    ],
  ] as const)("%s", (_case, before, now, expected) => {
    const changes = detectChanges(before, report(now));

    expect(changes.worsened.map((w) => w.name)).toEqual(expected);
  });

  it("says what changed and who owns it", () => {
    const before = previously(instance("a", "needs-consent", ["consent.missing"]));

    const changes = detectChanges(
      before,
      report(instance("a", "blocked", ["consent.missing", "agent.no-mfa"], { owners: ["@org/team"] })),
    );

    expect(changes.worsened).toEqual([
      {
        name: "a",
        from: "needs-consent",
        to: "blocked",
        newErrors: ["agent.no-mfa"],
        enteredWarnWindow: false,
        owners: ["@org/team"],
      },
    ]);
  });

  it("lists improvements", () => {
    const changes = detectChanges(previously(instance("a", "blocked")), report(instance("a", "ready")));

    expect(changes.improved).toEqual(["a"]);
    expect(changes.worsened).toEqual([]);
  });
});

describe("the dashboard's hidden state block", () => {
  it("round-trips through the issue body and hides in an HTML comment", () => {
    const state = previously(instance("a--b", "blocked", ["agent.no-mfa"]), instance("c", "ready"));

    const body = `### report\n\n${renderStateBlock(state)}\n`;

    expect(readStateBlock(body)).toEqual(state);
    expect(renderStateBlock(state)).toMatch(/^<!-- cspops:state [A-Za-z0-9_-]+ -->$/);
  });

  it.each([
    ["no block", "### a report"],
    ["not base64", "<!-- cspops:state !!! -->"],
    ["base64 of something else", `<!-- cspops:state ${btoa("[1,2]")} -->`],
    [
      "an unknown status",
      `<!-- cspops:state ${btoa('{"v":1,"i":{"a":["on-fire"]}}').replace(/=+$/, "")} -->`,
    ],
    ["another version", `<!-- cspops:state ${btoa('{"v":2,"i":{}}').replace(/=+$/, "")} -->`],
    ["null", null],
  ])("reads %s as no state", (_case, body) => {
    expect(readStateBlock(body)).toBeUndefined();
  });
});
