import { describe, expect, it } from "vitest";
import { assembleTenant } from "../../../src/adapters/graph/assemble-tenant.js";
import type { ReadOutcome } from "../../../src/adapters/graph/batch-reader.js";

const AGENT = "adele@contoso.onmicrosoft.com";
const ok = (values: unknown[]): ReadOutcome => ({ ok: true, body: {}, values });
const failed = (status: number, code: string): ReadOutcome => ({
  ok: false,
  error: { status, code, message: code },
});

function outcomes(overrides: Record<string, ReadOutcome> = {}): Map<string, ReadOutcome> {
  return new Map(
    Object.entries({
      "pc-sp": ok([{ id: "pc", appId: "fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd" }]),
      "app:contoso-primary": ok([
        { id: "a", appId: "app-1", passwordCredentials: [{ endDateTime: null, hint: "Xy7" }] },
      ]),
      [`user:${AGENT}`]: {
        ok: true,
        body: { "@odata.context": "x", id: "u1", userPrincipalName: AGENT, accountEnabled: true },
        values: undefined,
      },
      [`memberOf:${AGENT}`]: ok([{ "@odata.type": "#microsoft.graph.group", displayName: "AdminAgents" }]),
      [`mfa:${AGENT}`]: ok([{ id: "u1", isMfaRegistered: true }]),
      "sp:app-1": ok([{ id: "sp-1", appId: "app-1" }]),
      "grants:app-1": failed(404, "Request_ResourceNotFound"),
      "signIn:app-1": ok([]),
      ...overrides,
    }),
  );
}

describe("assembleTenant", () => {
  it("keeps every list, keys memberships by user id, drops Key hints and reads a 404 for grants as none", () => {
    const tenant = assembleTenant(outcomes(), [AGENT]);

    expect(tenant.users).toEqual([{ id: "u1", userPrincipalName: AGENT, accountEnabled: true }]);
    expect(Object.keys(tenant.memberOf ?? {})).toEqual(["u1"]);
    expect(tenant.applications?.[0]?.passwordCredentials).toEqual([{ endDateTime: null }]);
    expect(tenant.oauth2PermissionGrants).toEqual([]);
    expect(tenant.errors).toBeUndefined();
  });

  it("leaves out a list Graph refused (403), with its error, and the memberships that depend on it", () => {
    const tenant = assembleTenant(
      outcomes({ [`user:${AGENT}`]: failed(403, "Authorization_RequestDenied") }),
      [AGENT],
    );

    expect(tenant.users).toBeUndefined();
    expect(tenant.memberOf).toBeUndefined();
    expect(tenant.errors).toMatchObject({ users: { status: 403 }, memberOf: { status: 403 } });
    expect(tenant.applications).toHaveLength(1);
  });

  it("makes the whole tenant an error when a transient failure outlasted the retries", () => {
    const tenant = assembleTenant(outcomes({ [`mfa:${AGENT}`]: failed(503, "ServiceUnavailable") }), [AGENT]);

    expect(tenant).toEqual({
      error: { status: 503, code: "ServiceUnavailable", message: "ServiceUnavailable" },
    });
  });

  it("treats a missing admin agent (404) as absent, not as a failure", () => {
    const tenant = assembleTenant(
      outcomes({
        [`user:${AGENT}`]: failed(404, "Request_ResourceNotFound"),
        [`memberOf:${AGENT}`]: failed(404, "Request_ResourceNotFound"),
      }),
      [AGENT],
    );

    expect(tenant.users).toEqual([]);
    expect(tenant.memberOf).toEqual({});
  });
});
