// A list missing from a tenant is "unknown", never "absent" (docs/snapshot.md): an instance is `unknown`
// exactly where its status depended on that list, and keeps its status where it did not.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planReconcile } from "../../../src/core/reconcile/plan-reconcile.js";
import type { ReconcileStatus } from "../../../src/core/reconcile/report.js";
import type { ObservedSnapshot, TenantListName } from "../../../src/core/snapshot/snapshot.js";
import { EXAMPLES_SNAPSHOT, readInstancesPlainly } from "../../fixtures/snapshots/build-fixtures.js";
import {
  graphError,
  graphUser,
  groupMembership,
  userRegistrationDetails,
} from "../../support/graph-builders.js";
import { grantWith, noConsent, signInAt } from "./plan-changes.js";
import { daysBeforeNow, NOW, readyScenario, type Scenario, snapshotOfScenarios } from "./scenario.js";

const DENIED = graphError(
  403,
  "Authorization_RequestDenied",
  "Insufficient privileges to complete the operation.",
);
const DENIED_TEXT = "(403 Authorization_RequestDenied: Insufficient privileges to complete the operation.)";

/** What the observer writes when Graph refuses a list: no list, and the reason under `errors`. */
function withoutList(snapshot: ObservedSnapshot, list: TenantListName): ObservedSnapshot {
  const tenants = Object.fromEntries(
    Object.entries(snapshot.tenants).map(([id, tenant]) => {
      const { [list]: _dropped, ...rest } = tenant;
      return [id, { ...rest, errors: { ...tenant.errors, [list]: DENIED } }];
    }),
  );
  return { ...snapshot, tenants };
}

describe("the example instances with one list missing", () => {
  const instances = readInstancesPlainly(join(import.meta.dirname, "../../../instances"));
  const examples = JSON.parse(readFileSync(EXAMPLES_SNAPSHOT, "utf8")) as ObservedSnapshot;
  const cases: readonly { list: TenantListName; statuses: readonly ReconcileStatus[] }[] = [
    // contoso-primary ready (AllPrincipals grant), contoso-sandbox needs-consent, fabrikam-china
    // blocked (consent needed, agent without MFA).
    { list: "applications", statuses: ["unknown", "unknown", "unknown"] },
    { list: "servicePrincipals", statuses: ["unknown", "unknown", "unknown"] },
    { list: "oauth2PermissionGrants", statuses: ["unknown", "unknown", "unknown"] },
    // An unknown age is a warning, not an expiry (docs/statuses.md).
    { list: "servicePrincipalSignInActivities", statuses: ["ready", "needs-consent", "blocked"] },
    // An AllPrincipals grant needs no user; a needed consent does.
    { list: "users", statuses: ["ready", "unknown", "unknown"] },
    // fabrikam-china is blocked by its missing MFA whatever its roles are.
    { list: "memberOf", statuses: ["ready", "unknown", "blocked"] },
    { list: "userRegistrationDetails", statuses: ["ready", "unknown", "unknown"] },
  ];

  it.each(cases)("missing $list → $statuses", ({ list, statuses }) => {
    const snapshot = withoutList(examples, list);

    const report = planReconcile(instances, snapshot, NOW);

    expect(report.instances.map((instance) => [instance.name, instance.status])).toEqual([
      ["contoso-primary", statuses[0]],
      ["contoso-sandbox", statuses[1]],
      ["fabrikam-china", statuses[2]],
    ]);
    for (const instance of report.instances.filter(({ status }) => status === "unknown")) {
      const [why] = instance.findings.filter((finding) => finding.status === "unknown");
      expect(why?.code).toBe("observation.incomplete");
      expect(why?.message).toContain(DENIED_TEXT);
    }
  });

  it("are ready, needs-consent and blocked with every list present", () => {
    const report = planReconcile(instances, examples, NOW);

    expect(report.instances.map((instance) => instance.status)).toEqual([
      "ready",
      "needs-consent",
      "blocked",
    ]);
  });
});

interface Case {
  readonly name: string;
  readonly list: TenantListName;
  readonly change?: (scenario: Scenario) => void;
  readonly status: ReconcileStatus;
  readonly codes: readonly string[];
}

const principalGrant = (s: Scenario) => {
  s.tenant.oauth2PermissionGrants = [
    grantWith(s, "user_impersonation", { consentType: "Principal", principalId: s.agentId }),
  ];
};
const lastSignIn = (days: number) => (s: Scenario) => {
  s.tenant.servicePrincipalSignInActivities = signInAt(s, daysBeforeNow(days));
};
const agent =
  (change: { enabled?: boolean; admin?: boolean; mfa?: boolean | "no record" }) => (s: Scenario) => {
    const user = graphUser({
      userPrincipalName: s.loaded.instance.spec.consent.adminAgent,
      accountEnabled: change.enabled ?? true,
    });
    s.tenant.users = [user];
    s.tenant.memberOf = {
      [user.id]: [groupMembership(change.admin === false ? "All Users" : "AdminAgents")],
    };
    s.tenant.userRegistrationDetails =
      change.mfa === "no record"
        ? []
        : [userRegistrationDetails({ user, isMfaRegistered: change.mfa ?? true })];
  };
const both =
  (...changes: ((s: Scenario) => void)[]) =>
  (s: Scenario) => {
    for (const change of changes) change(s);
  };
const OBSERVATION = "observation.incomplete";

const cases: readonly Case[] = [
  // users: who the admin agent is.
  { name: "AllPrincipals grant", list: "users", status: "ready", codes: [] },
  { name: "Principal grant", list: "users", change: principalGrant, status: "unknown", codes: [OBSERVATION] },
  {
    name: "no grant",
    list: "users",
    change: noConsent,
    status: "unknown",
    codes: ["consent.missing", OBSERVATION],
  },
  {
    name: "consent expired",
    list: "users",
    change: lastSignIn(91),
    status: "unknown",
    codes: ["consent.expired", OBSERVATION],
  },
  {
    name: "consent expiring",
    list: "users",
    change: lastSignIn(80),
    status: "consent-expiring",
    codes: ["consent.expiring", OBSERVATION],
  },
  {
    name: "no app",
    list: "users",
    change: (s) => {
      s.tenant.applications = [];
    },
    status: "not-provisioned",
    codes: ["app.missing", OBSERVATION],
  },
  {
    name: "redirect URI missing, no grant",
    list: "users",
    change: both(noConsent, (s) => {
      const [app] = s.tenant.applications ?? [];
      if (app) s.tenant.applications = [{ ...app, web: { ...app.web, redirectUris: [] } }];
    }),
    status: "drifted",
    codes: ["drift.redirect-missing", "consent.missing", OBSERVATION],
  },

  // memberOf: whether the agent is an admin agent or Global Administrator.
  { name: "consent valid", list: "memberOf", status: "ready", codes: [] },
  {
    name: "no grant",
    list: "memberOf",
    change: noConsent,
    status: "unknown",
    codes: ["consent.missing", OBSERVATION],
  },
  {
    name: "no grant, agent disabled",
    list: "memberOf",
    change: both(noConsent, agent({ enabled: false })),
    status: "blocked",
    codes: ["consent.missing", "agent.disabled", OBSERVATION],
  },
  {
    name: "no grant, agent without MFA",
    list: "memberOf",
    change: both(noConsent, agent({ mfa: false })),
    status: "blocked",
    codes: ["consent.missing", OBSERVATION, "agent.no-mfa"],
  },

  // userRegistrationDetails: whether the agent can do MFA.
  { name: "consent valid", list: "userRegistrationDetails", status: "ready", codes: [] },
  {
    name: "no grant",
    list: "userRegistrationDetails",
    change: noConsent,
    status: "unknown",
    codes: ["consent.missing", OBSERVATION],
  },
  {
    name: "no grant, agent not admin",
    list: "userRegistrationDetails",
    change: both(noConsent, agent({ admin: false })),
    status: "blocked",
    codes: ["consent.missing", "agent.not-admin", OBSERVATION],
  },

  // servicePrincipals, oauth2PermissionGrants, applications: whether there is an app and a consent.
  { name: "consent valid", list: "servicePrincipals", status: "unknown", codes: [OBSERVATION] },
  {
    name: "agent without MFA",
    list: "servicePrincipals",
    change: agent({ mfa: false }),
    status: "unknown",
    codes: [OBSERVATION, "agent.no-mfa"],
  },
  { name: "consent valid", list: "oauth2PermissionGrants", status: "unknown", codes: [OBSERVATION] },
  { name: "consent valid", list: "applications", status: "unknown", codes: [OBSERVATION] },

  // servicePrincipalSignInActivities: only the age of a consent that exists.
  {
    name: "consent valid",
    list: "servicePrincipalSignInActivities",
    status: "ready",
    codes: ["consent.age-unknown"],
  },
  {
    name: "no grant",
    list: "servicePrincipalSignInActivities",
    change: noConsent,
    status: "needs-consent",
    codes: ["consent.missing"],
  },
];

describe("a list missing from the instance's tenant", () => {
  it.each(cases)("missing $list, $name → $status", ({ list, change, status, codes }) => {
    const scenario = readyScenario();
    change?.(scenario);
    delete scenario.tenant[list];
    scenario.tenant.errors = { [list]: DENIED };

    const [instance] = planReconcile([scenario.loaded], snapshotOfScenarios(scenario), NOW).instances;

    expect(instance?.status).toBe(status);
    expect(instance?.findings.map((finding) => finding.code)).toEqual(codes);
    const gaps = instance?.findings.filter(
      ({ code }) => code === OBSERVATION || code === "consent.age-unknown",
    );
    for (const finding of gaps ?? []) {
      expect(finding.message).toContain(DENIED_TEXT);
    }
  });
});

describe("an admin agent Graph has no MFA record of", () => {
  it.each([
    { name: "consent needed", change: both(noConsent, agent({ mfa: "no record" })), status: "unknown" },
    { name: "consent valid", change: agent({ mfa: "no record" }), status: "ready" },
    {
      name: "consent needed, agent disabled",
      change: both(noConsent, agent({ enabled: false, mfa: "no record" })),
      status: "blocked",
    },
  ] as const)("$name → $status", ({ change, status }) => {
    const scenario = readyScenario();
    change(scenario);

    const [instance] = planReconcile([scenario.loaded], snapshotOfScenarios(scenario), NOW).instances;

    expect(instance?.status).toBe(status);
  });
});
