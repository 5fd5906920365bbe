import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { PARTNER_CENTER_APP_ID } from "../../../src/core/identifiers.js";
import { planReconcile } from "../../../src/core/reconcile/plan-reconcile.js";
import type { ReconcileStatus } from "../../../src/core/report.js";
import {
  directoryRoleMembership,
  graphApplication,
  graphError,
  graphUser,
  groupMembership,
  guidFor,
  oauth2PermissionGrant,
  passwordCredential,
  servicePrincipalSignInActivity,
  userRegistrationDetails,
} from "../../support/graph-builders.js";
import {
  DAY,
  daysBeforeNow,
  NOW,
  readyScenario,
  type Scenario,
  snapshotOf,
  snapshotOfScenarios,
} from "./scenario.js";

const validateReport = new Ajv2020.default({ allErrors: true, strict: true }).compile(
  JSON.parse(
    readFileSync(join(import.meta.dirname, "../../../schemas/reconcile-report.schema.json"), "utf8"),
  ) as object,
);

interface Case {
  readonly name: string;
  readonly options?: Parameters<typeof readyScenario>[0];
  readonly change: (scenario: Scenario) => void;
  readonly status: ReconcileStatus;
  readonly codes: readonly string[];
}

const grantWith = (
  scenario: Scenario,
  scope: string,
  extra: Partial<Parameters<typeof oauth2PermissionGrant>[0]> = {},
) =>
  oauth2PermissionGrant({
    clientId: scenario.servicePrincipalId,
    resourceId: scenario.partnerCenterServicePrincipalId,
    scope,
    ...extra,
  });
const signInAt = (scenario: Scenario, at: string | null) => [
  servicePrincipalSignInActivity({ appId: scenario.appId, lastDelegatedSignIn: at }),
];
const firstApp = (scenario: Scenario) =>
  scenario.tenant.applications?.[0] ?? graphApplication({ appId: "x", displayName: "x" });
const withApp = (scenario: Scenario, change: Partial<Parameters<typeof graphApplication>[0]>) => {
  const app = firstApp(scenario);
  scenario.tenant.applications = [
    graphApplication({
      appId: app.appId,
      displayName: app.displayName ?? "",
      tags: app.tags,
      redirectUris: app.web.redirectUris,
      requiredResourceAccess: app.requiredResourceAccess,
      passwordCredentials: app.passwordCredentials,
      ...change,
    }),
  ];
};
const withAgent = (
  scenario: Scenario,
  change: { enabled?: boolean; memberOf?: unknown[]; mfa?: boolean },
) => {
  const agent = graphUser({
    userPrincipalName: scenario.loaded.instance.spec.consent.adminAgent,
    accountEnabled: change.enabled ?? true,
  });
  scenario.tenant.users = [agent];
  scenario.tenant.memberOf = { [agent.id]: (change.memberOf ?? [groupMembership("AdminAgents")]) as never };
  scenario.tenant.userRegistrationDetails = [
    userRegistrationDetails({ user: agent, isMfaRegistered: change.mfa ?? true }),
  ];
};
const noConsent = (scenario: Scenario) => {
  scenario.tenant.oauth2PermissionGrants = [];
};

const cases: readonly Case[] = [
  { name: "everything in place", change: () => {}, status: "ready", codes: [] },

  // Observation gaps: unknown, never absent.
  {
    name: "applications not observed",
    change: (s) => {
      delete s.tenant.applications;
    },
    status: "unknown",
    codes: ["observation.incomplete"],
  },
  {
    name: "service principals not observed",
    change: (s) => {
      delete s.tenant.servicePrincipals;
    },
    status: "unknown",
    codes: ["observation.incomplete"],
  },
  {
    name: "grants not observed",
    change: (s) => {
      delete s.tenant.oauth2PermissionGrants;
    },
    status: "unknown",
    codes: ["observation.incomplete"],
  },

  // Finding the app.
  {
    name: "no app carries the tag",
    change: (s) => {
      s.tenant.applications = [];
    },
    status: "not-provisioned",
    codes: ["app.missing"],
  },
  {
    name: "app adopted by existingAppId, untagged",
    options: { existingAppId: "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b" },
    change: () => {},
    status: "ready",
    codes: [],
  },
  {
    name: "app adopted by existingAppId (upper case) is found",
    options: { existingAppId: "0F1E2D3C-4B5A-4978-8A9B-0C1D2E3F4A5B" },
    change: () => {},
    status: "ready",
    codes: [],
  },
  {
    name: "existingAppId names no app in the tenant",
    options: { existingAppId: "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b" },
    change: (s) => {
      s.tenant.applications = [];
    },
    status: "not-provisioned",
    codes: ["app.missing"],
  },
  {
    name: "two apps carry the tag",
    change: (s) => {
      const app = firstApp(s);
      const stray = graphApplication({
        appId: guidFor("stray"),
        displayName: app.displayName ?? "",
        tags: app.tags,
        redirectUris: app.web.redirectUris,
        createdDateTime: "2026-06-01T00:00:00Z",
      });
      s.tenant.applications = [stray, app];
    },
    status: "drifted",
    codes: ["app.duplicate-tag"],
  },

  // Drift.
  {
    name: "display name differs",
    change: (s) => withApp(s, { displayName: "Renamed by hand" }),
    status: "drifted",
    codes: ["drift.display-name"],
  },
  {
    name: "a declared redirect URI is missing",
    change: (s) => withApp(s, { redirectUris: [] }),
    status: "drifted",
    codes: ["drift.redirect-missing"],
  },
  {
    name: "an undeclared redirect URI is present",
    change: (s) => withApp(s, { redirectUris: [...firstApp(s).web.redirectUris, "https://evil.example/cb"] }),
    status: "drifted",
    codes: ["drift.redirect-extra"],
  },
  {
    name: "Partner Center user_impersonation not requested",
    change: (s) => withApp(s, { requiredResourceAccess: [] }),
    status: "drifted",
    codes: ["drift.permission-missing"],
  },
  {
    name: "no service principal (so no consent either)",
    change: (s) => {
      s.tenant.servicePrincipals = (s.tenant.servicePrincipals ?? []).filter((sp) => sp.appId !== s.appId);
    },
    status: "drifted",
    codes: ["drift.service-principal-missing", "consent.missing"],
  },
  {
    name: "the only Key expires in 29 days",
    change: (s) =>
      withApp(s, { passwordCredentials: [passwordCredential({ endDateTime: daysBeforeNow(-29) })] }),
    status: "drifted",
    codes: ["drift.key-expiring"],
  },
  {
    name: "no Key at all",
    change: (s) => withApp(s, { passwordCredentials: [] }),
    status: "drifted",
    codes: ["drift.key-expiring"],
  },
  {
    name: "an expired Key next to one valid for 31 days",
    change: (s) =>
      withApp(s, {
        passwordCredentials: [
          passwordCredential({ endDateTime: daysBeforeNow(5), seed: "old" }),
          passwordCredential({ endDateTime: daysBeforeNow(-31), seed: "new" }),
        ],
      }),
    status: "ready",
    codes: [],
  },
  {
    name: "a Key valid exactly 30 days is not enough",
    change: (s) =>
      withApp(s, { passwordCredentials: [passwordCredential({ endDateTime: daysBeforeNow(-30) })] }),
    status: "drifted",
    codes: ["drift.key-expiring"],
  },
  {
    name: "a Key without end date",
    change: (s) => withApp(s, { passwordCredentials: [passwordCredential({ endDateTime: null })] }),
    status: "ready",
    codes: [],
  },

  // Consent grants.
  { name: "no grant", change: noConsent, status: "needs-consent", codes: ["consent.missing"] },
  {
    name: "grant with several scopes",
    change: (s) => {
      s.tenant.oauth2PermissionGrants = [grantWith(s, "openid  user_impersonation offline_access ")];
    },
    status: "ready",
    codes: [],
  },
  {
    name: "grant without user_impersonation",
    change: (s) => {
      s.tenant.oauth2PermissionGrants = [grantWith(s, "openid profile")];
    },
    status: "needs-consent",
    codes: ["consent.missing"],
  },
  {
    name: "scope that only contains the word",
    change: (s) => {
      s.tenant.oauth2PermissionGrants = [grantWith(s, "user_impersonation.all")];
    },
    status: "needs-consent",
    codes: ["consent.missing"],
  },
  {
    name: "Principal grant for the admin agent",
    change: (s) => {
      s.tenant.oauth2PermissionGrants = [
        grantWith(s, "user_impersonation", { consentType: "Principal", principalId: s.agentId }),
      ];
    },
    status: "ready",
    codes: [],
  },
  {
    name: "Principal grant for another user",
    change: (s) => {
      s.tenant.oauth2PermissionGrants = [
        grantWith(s, "user_impersonation", {
          consentType: "Principal",
          principalId: guidFor("someone-else"),
        }),
      ];
    },
    status: "needs-consent",
    codes: ["consent.missing"],
  },
  {
    name: "grant to Microsoft Graph, not Partner Center",
    change: (s) => {
      s.tenant.oauth2PermissionGrants = [
        grantWith(s, "user_impersonation", { resourceId: guidFor("graph-sp") }),
      ];
    },
    status: "needs-consent",
    codes: ["consent.missing"],
  },
  {
    name: "Partner Center has no service principal in the tenant",
    change: (s) => {
      s.tenant.servicePrincipals = (s.tenant.servicePrincipals ?? []).filter(
        (sp) => sp.appId !== PARTNER_CENTER_APP_ID,
      );
    },
    status: "needs-consent",
    codes: ["consent.missing"],
  },

  // Age of the consent.
  {
    name: "last sign-in 91 days ago",
    change: (s) => {
      s.tenant.servicePrincipalSignInActivities = signInAt(s, daysBeforeNow(91));
    },
    status: "consent-expired",
    codes: ["consent.expired"],
  },
  {
    name: "last sign-in exactly 90 days ago",
    change: (s) => {
      s.tenant.servicePrincipalSignInActivities = signInAt(s, daysBeforeNow(90));
    },
    status: "consent-expiring",
    codes: ["consent.expiring"],
  },
  {
    name: "last sign-in 90 days and 1 ms ago",
    change: (s) => {
      s.tenant.servicePrincipalSignInActivities = signInAt(
        s,
        new Date(NOW.getTime() - 90 * DAY - 1).toISOString(),
      );
    },
    status: "consent-expired",
    codes: ["consent.expired"],
  },
  {
    name: "last sign-in exactly 90 − warnDays ago",
    change: (s) => {
      s.tenant.servicePrincipalSignInActivities = signInAt(s, daysBeforeNow(76));
    },
    status: "ready",
    codes: [],
  },
  {
    name: "last sign-in 90 − warnDays days and 1 ms ago",
    change: (s) => {
      s.tenant.servicePrincipalSignInActivities = signInAt(
        s,
        new Date(NOW.getTime() - 76 * DAY - 1).toISOString(),
      );
    },
    status: "consent-expiring",
    codes: ["consent.expiring"],
  },
  {
    name: "warnDays 30 widens the warning",
    options: { warnDays: 30 },
    change: (s) => {
      s.tenant.servicePrincipalSignInActivities = signInAt(s, daysBeforeNow(61));
    },
    status: "consent-expiring",
    codes: ["consent.expiring"],
  },
  {
    name: "sign-in activity not observed",
    change: (s) => {
      delete s.tenant.servicePrincipalSignInActivities;
    },
    status: "ready",
    codes: ["consent.age-unknown"],
  },
  {
    name: "no sign-in recorded for the app",
    change: (s) => {
      s.tenant.servicePrincipalSignInActivities = [];
    },
    status: "ready",
    codes: ["consent.age-unknown"],
  },
  {
    name: "sign-in activity with null date",
    change: (s) => {
      s.tenant.servicePrincipalSignInActivities = signInAt(s, null);
    },
    status: "ready",
    codes: ["consent.age-unknown"],
  },
  {
    name: "sign-in date written as in Graph's docs (-8:00)",
    change: (s) => {
      s.tenant.servicePrincipalSignInActivities = signInAt(s, "2026-08-22T06:00:00-8:00");
    },
    status: "consent-expiring",
    codes: ["consent.expiring"],
  },

  // The admin agent: blocking only when consent is needed.
  {
    name: "agent missing and consent needed",
    change: (s) => {
      noConsent(s);
      s.tenant.users = [];
    },
    status: "blocked",
    codes: ["consent.missing", "agent.missing"],
  },
  {
    name: "agent missing but consent valid",
    change: (s) => {
      s.tenant.users = [];
    },
    status: "ready",
    codes: ["agent.missing"],
  },
  {
    name: "agent disabled and consent expired",
    change: (s) => {
      withAgent(s, { enabled: false });
      s.tenant.servicePrincipalSignInActivities = signInAt(s, daysBeforeNow(120));
    },
    status: "blocked",
    codes: ["consent.expired", "agent.disabled"],
  },
  {
    name: "agent neither admin agent nor global admin",
    change: (s) => {
      noConsent(s);
      withAgent(s, { memberOf: [groupMembership("All Users")] });
    },
    status: "blocked",
    codes: ["consent.missing", "agent.not-admin"],
  },
  {
    name: "agent is a Global Administrator (directory role)",
    change: (s) => {
      noConsent(s);
      withAgent(s, { memberOf: [groupMembership("All Users"), directoryRoleMembership()] });
    },
    status: "needs-consent",
    codes: ["consent.missing"],
  },
  {
    name: "agent in another directory role only",
    change: (s) => {
      noConsent(s);
      withAgent(s, { memberOf: [directoryRoleMembership(guidFor("helpdesk"), "Helpdesk Administrator")] });
    },
    status: "blocked",
    codes: ["consent.missing", "agent.not-admin"],
  },
  {
    name: "agent without MFA",
    change: (s) => {
      noConsent(s);
      withAgent(s, { mfa: false });
    },
    status: "blocked",
    codes: ["consent.missing", "agent.no-mfa"],
  },
  {
    name: "agent without MFA while consent is expiring",
    change: (s) => {
      withAgent(s, { mfa: false });
      s.tenant.servicePrincipalSignInActivities = signInAt(s, daysBeforeNow(80));
    },
    status: "consent-expiring",
    codes: ["consent.expiring", "agent.no-mfa"],
  },
  {
    name: "agent's memberships not observed while consent is needed",
    change: (s) => {
      noConsent(s);
      delete s.tenant.memberOf;
    },
    status: "unknown",
    codes: ["consent.missing", "observation.incomplete"],
  },
  {
    name: "agent matched by UPN in any case",
    options: { adminAgent: "Adele.Vance@Contoso-primary.onmicrosoft.com" },
    change: (s) => {
      noConsent(s);
      withAgent(s, {});
      const [agent] = s.tenant.users ?? [];
      if (agent)
        s.tenant.users = [{ ...agent, userPrincipalName: "adele.vance@contoso-primary.onmicrosoft.com" }];
    },
    status: "needs-consent",
    codes: ["consent.missing"],
  },

  // Precedence.
  {
    name: "drift outranks blocked",
    change: (s) => {
      withApp(s, { displayName: "Other" });
      noConsent(s);
      withAgent(s, { mfa: false });
    },
    status: "drifted",
    codes: ["drift.display-name", "consent.missing", "agent.no-mfa"],
  },
  {
    name: "not provisioned, and the agent has no MFA",
    change: (s) => {
      s.tenant.applications = [];
      withAgent(s, { mfa: false });
    },
    status: "not-provisioned",
    codes: ["app.missing", "agent.no-mfa"],
  },
];

describe("planReconcile", () => {
  it.each(cases)("$name → $status", ({ options, change, status, codes }) => {
    const scenario = readyScenario(options);
    change(scenario);

    const report = planReconcile([scenario.loaded], snapshotOfScenarios(scenario), NOW);

    const [instance] = report.instances;
    expect(instance?.status).toBe(status);
    expect(instance?.findings.map((finding) => finding.code)).toEqual(codes);
  });

  it("gives every finding a message and a severity, errors to the statuses that are not ready, all in the report schema", () => {
    const reports = cases.map(({ options, change }) => {
      const scenario = readyScenario(options);
      change(scenario);
      return planReconcile([scenario.loaded], snapshotOfScenarios(scenario), NOW);
    });

    for (const report of reports) {
      expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    }
    for (const instance of reports.flatMap((report) => report.instances)) {
      for (const finding of instance?.findings ?? []) {
        expect(finding.message.length).toBeGreaterThan(40);
        expect(finding.severity === "error").toBe(
          finding.status !== undefined && finding.status !== "consent-expiring",
        );
      }
    }
  });

  it("reports a tenant missing from the snapshot as unknown", () => {
    const scenario = readyScenario();

    const report = planReconcile([scenario.loaded], snapshotOf({}), NOW);

    expect(report.instances[0]).toMatchObject({ status: "unknown", appId: null, consentUrl: null });
    expect(report.instances[0]?.findings.map((finding) => finding.code)).toEqual(["tenant.not-observed"]);
  });

  it("reports a tenant Graph refused as unknown, naming the error and who can fix it", () => {
    const scenario = readyScenario();
    const snapshot = snapshotOf({
      [scenario.tenantId]: {
        error: graphError(403, "Authorization_RequestDenied", "Insufficient privileges."),
      },
    });

    const report = planReconcile([scenario.loaded], snapshot, NOW);

    const [finding] = report.instances[0]?.findings ?? [];
    expect(report.instances[0]?.status).toBe("unknown");
    expect(finding?.code).toBe("tenant.unreachable");
    expect(finding?.message).toContain("403 Authorization_RequestDenied: Insufficient privileges.");
    expect(finding?.actor).toBe("a Global Administrator of contoso-primary.onmicrosoft.com");
  });

  it("matches tenant ids in any case", () => {
    const scenario = readyScenario();

    const report = planReconcile(
      [scenario.loaded],
      snapshotOf({ [scenario.tenantId.toUpperCase()]: scenario.tenant }),
      NOW,
    );

    expect(report.instances[0]?.status).toBe("ready");
  });

  it("forecasts the consent expiry from the last delegated sign-in and stamps the report with now", () => {
    const scenario = readyScenario();

    const report = planReconcile([scenario.loaded], snapshotOfScenarios(scenario), NOW);

    expect(report.generatedAt).toBe("2026-11-20T10:00:00.000Z");
    expect(report.observedAt).toBe("2026-11-20T09:55:00Z");
    expect(report.instances[0]).toMatchObject({
      appId: scenario.appId,
      consentUrl: null,
      lastDelegatedSignInAt: "2026-11-10T10:00:00.000Z",
      consentExpiresAt: "2027-02-08T10:00:00.000Z",
    });
  });

  it("names the expiry date and the admin agent when consent is expiring", () => {
    const scenario = readyScenario({ adminAgent: "adele@contoso-primary.onmicrosoft.com" });
    scenario.tenant.servicePrincipalSignInActivities = signInAt(scenario, daysBeforeNow(80));
    scenario.tenant.users = [];
    withAgent(scenario, {});

    const [instance] = planReconcile([scenario.loaded], snapshotOfScenarios(scenario), NOW).instances;

    expect(instance?.consentExpiresAt).toBe("2026-11-30T10:00:00.000Z");
    expect(instance?.findings[0]?.message).toContain("Consent expires on 2026-11-30 (in 10 days)");
    expect(instance?.findings[0]?.actor).toBe("adele@contoso-primary.onmicrosoft.com (admin agent)");
    expect(instance?.consentUrl).toMatch(/^https:\/\/login\.microsoftonline\.com\//);
  });

  it("carries a consent link for the app's real appId and first redirect URI when consent is needed", () => {
    const scenario = readyScenario({ redirectUris: ["https://bss.example/a?x=1", "https://bss.example/b"] });
    noConsent(scenario);

    const [instance] = planReconcile([scenario.loaded], snapshotOfScenarios(scenario), NOW).instances;

    const url = new URL(instance?.consentUrl ?? "");
    expect(url.origin).toBe("https://login.microsoftonline.com");
    expect(url.pathname).toBe(`/${scenario.tenantId}/oauth2/v2.0/authorize`);
    expect(url.searchParams.get("client_id")).toBe(scenario.appId);
    expect(url.searchParams.get("redirect_uri")).toBe("https://bss.example/a?x=1");
    expect(url.searchParams.get("state")).toBe(scenario.loaded.instance.metadata.name);
  });

  it("links China cloud instances to the China authority", () => {
    const scenario = readyScenario({ name: "fabrikam-china", cloud: "china" });
    noConsent(scenario);

    const [instance] = planReconcile([scenario.loaded], snapshotOfScenarios(scenario), NOW).instances;

    expect(
      instance?.consentUrl?.startsWith(
        `https://login.chinacloudapi.cn/${scenario.tenantId}/oauth2/v2.0/authorize?`,
      ),
    ).toBe(true);
  });

  it("uses the authority override (the local emulator) in consent links", () => {
    const scenario = readyScenario();
    noConsent(scenario);

    const report = planReconcile([scenario.loaded], snapshotOfScenarios(scenario), NOW, {
      authority: "https://127.0.0.1:8443/",
    });

    expect(
      report.instances[0]?.consentUrl?.startsWith(`https://127.0.0.1:8443/${scenario.tenantId}/oauth2/`),
    ).toBe(true);
  });

  it("judges a sandbox and its primary in their own tenants", () => {
    const primary = readyScenario({ name: "contoso-primary" });
    const sandbox = readyScenario({
      name: "contoso-sandbox",
      environment: "sandbox",
      sandboxOf: "contoso-primary",
    });
    noConsent(sandbox);

    const report = planReconcile(
      [primary.loaded, sandbox.loaded],
      snapshotOfScenarios(primary, sandbox),
      NOW,
    );

    expect(
      report.instances.map((instance) => [instance.name, instance.environment, instance.status]),
    ).toEqual([
      ["contoso-primary", "primary", "ready"],
      ["contoso-sandbox", "sandbox", "needs-consent"],
    ]);
    expect(report.summary).toEqual({ "needs-consent": 1, ready: 1 });
    expect(Object.keys(report.summary)).toEqual(["needs-consent", "ready"]);
  });

  it("does not change the snapshot it reads", () => {
    const scenario = readyScenario();
    noConsent(scenario);
    const snapshot = snapshotOfScenarios(scenario);
    const before = structuredClone(snapshot);

    planReconcile([scenario.loaded], snapshot, NOW);

    expect(snapshot).toEqual(before);
  });
});
