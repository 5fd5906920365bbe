// What the observer reads to tell whether a consent can last: the admin agent's session and password
// dates, the tenant's Conditional Access policies, and the sign-in report where Microsoft offers it.
import { afterEach, describe, expect, it } from "vitest";
import { planReconcile } from "../../../src/core/reconcile/plan-reconcile.js";
import { parseSnapshot } from "../../../src/core/snapshot/parse-snapshot.js";
import { buildExampleSeed, EXAMPLE_TENANTS } from "../../../src/emulator/seeds/example-instances.js";
import { buildPartnerTenant } from "../../../src/emulator/seeds/partner-tenant.js";
import { type RunningEmulator, startEmulator } from "../../../src/emulator/start-emulator.js";
import { graphError } from "../../support/graph-builders.js";
import { loadExampleInstances, observerFor, statusesOf } from "./support/observe-emulator.js";

const NOW = new Date("2026-11-20T10:00:00Z");
const [primary, , china] = EXAMPLE_TENANTS as [
  (typeof EXAMPLE_TENANTS)[number],
  (typeof EXAMPLE_TENANTS)[number],
  (typeof EXAMPLE_TENANTS)[number],
];
const LICENSING = graphError(
  403,
  "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
  "Neither tenant is B2C or tenant doesn't have premium license",
);

let emulator: RunningEmulator | undefined;

/** The example seed, with some tenants' lists refused as the seed's `errors` say. */
async function start(refusals: Record<string, Record<string, ReturnType<typeof graphError>>> = {}) {
  const seed = buildExampleSeed(NOW);
  const tenants = Object.fromEntries(
    Object.entries(seed.tenants).map(([id, tenant]) => [
      id,
      { ...tenant, ...(refusals[id] ? { errors: refusals[id] } : {}) },
    ]),
  );
  emulator = await startEmulator({ seed: { ...seed, tenants } });
  return emulator;
}

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe("the observer's reads of what ends a consent early", () => {
  it("selects the admin agent's session and password dates and reads the Conditional Access policies", async () => {
    const running = await start();

    const snapshot = await observerFor(running).observeTenants(await loadExampleInstances());

    expect(parseSnapshot(JSON.stringify(snapshot)).ok).toBe(true);
    const agent = snapshot.tenants[primary.tenantId]?.users?.[0];
    expect(agent).toMatchObject({
      userPrincipalName: primary.agent.upn,
      signInSessionsValidFromDateTime: "2025-10-16T10:00:00.000Z",
      lastPasswordChangeDateTime: "2026-11-16T10:00:00.000Z",
    });
    expect(snapshot.tenants[primary.tenantId]?.conditionalAccessPolicies).toEqual([]);
    expect(
      snapshot.tenants[china.tenantId]?.conditionalAccessPolicies?.map((policy) => policy.displayName),
    ).toEqual(["Administrators: sign in every 12 hours"]);
  });

  it("keeps a 403 on the policies with that list and reads the rest of the tenant", async () => {
    const denied = graphError(
      403,
      "Authorization_RequestDenied",
      "Insufficient privileges to complete the operation.",
    );
    const running = await start({ [primary.tenantId]: { conditionalAccessPolicies: denied } });

    const snapshot = await observerFor(running).observeTenants(await loadExampleInstances());

    const tenant = snapshot.tenants[primary.tenantId];
    expect(tenant?.conditionalAccessPolicies).toBeUndefined();
    expect(tenant?.errors?.conditionalAccessPolicies).toMatchObject({
      status: 403,
      code: "Authorization_RequestDenied",
    });
    expect(tenant?.applications).toHaveLength(1);
    expect(tenant?.error).toBeUndefined();
  });

  it("records a licensing refusal of the sign-in report with its reason", async () => {
    const running = await start({ [primary.tenantId]: { servicePrincipalSignInActivities: LICENSING } });

    const snapshot = await observerFor(running).observeTenants(await loadExampleInstances());

    expect(snapshot.tenants[primary.tenantId]?.errors?.servicePrincipalSignInActivities).toMatchObject({
      status: 403,
      code: "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
      message: "Neither tenant is B2C or tenant doesn't have premium license",
    });
  });

  it("never asks the China cloud for the beta sign-in report, and says it is not available there", async () => {
    // Were the report requested, this seeded refusal would show up in the tenant's errors.
    const running = await start({ [china.tenantId]: { servicePrincipalSignInActivities: LICENSING } });

    const snapshot = await observerFor(running).observeTenants(await loadExampleInstances());

    const tenant = snapshot.tenants[china.tenantId];
    expect(tenant?.errors).toBeUndefined();
    expect(tenant?.servicePrincipalSignInActivities).toBeUndefined();
    expect(tenant?.unavailable?.servicePrincipalSignInActivities).toMatchObject({
      code: "NotAvailableInCloud",
    });
    expect(snapshot.tenants[primary.tenantId]?.servicePrincipalSignInActivities).toHaveLength(1);
  });

  it("plans what a seed says: revoked sessions expire the consent, a disabled agent blocks it", async () => {
    const seed = buildExampleSeed(NOW);
    const revoked = { ...primary, agent: { ...primary.agent, sessionsRevokedDaysAgo: 3 } };
    const sandboxSpec = EXAMPLE_TENANTS[1] as (typeof EXAMPLE_TENANTS)[number];
    const disabled = { ...sandboxSpec, consentedDaysAgo: 5, agent: { ...sandboxSpec.agent, disabled: true } };
    emulator = await startEmulator({
      seed: {
        ...seed,
        tenants: {
          ...seed.tenants,
          [primary.tenantId]: buildPartnerTenant(revoked, NOW),
          [sandboxSpec.tenantId]: buildPartnerTenant(disabled, NOW),
        },
      },
    });
    const instances = await loadExampleInstances();

    const report = planReconcile(instances, await observerFor(emulator).observeTenants(instances), NOW);

    expect(statusesOf(report)).toMatchObject({
      "contoso-primary": "consent-expired",
      "contoso-sandbox": "blocked",
    });
    const codes = (name: string) =>
      report.instances.find((instance) => instance.name === name)?.findings.map((finding) => finding.code);
    expect(codes("contoso-primary")).toContain("consent.revoked");
    expect(codes("contoso-sandbox")).toEqual(["agent.disabled"]);
  });
});
