import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { planReconcile } from "../../../src/core/reconcile/plan-reconcile.js";
import { conditionalAccessPolicy, graphError, signInFrequency } from "../../support/graph-builders.js";
import { APP_CASES } from "./plan-cases-app.js";
import { CONSENT_CASES } from "./plan-cases-consent.js";
import { LASTING_CASES } from "./plan-cases-lasting.js";
import { noConsent, signInAt, withAgent } from "./plan-changes.js";
import { daysBeforeNow, NOW, readyScenario, snapshotOf, snapshotOfScenarios } from "./scenario.js";

const validateReport = new Ajv2020.default({ allErrors: true, strict: true }).compile(
  JSON.parse(
    readFileSync(join(import.meta.dirname, "../../../schemas/reconcile-report.schema.json"), "utf8"),
  ) as object,
);

const cases = [...APP_CASES, ...CONSENT_CASES, ...LASTING_CASES];

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

describe("planReconcile: what ends a consent early", () => {
  const plan = (scenario: ReturnType<typeof readyScenario>) =>
    planReconcile([scenario.loaded], snapshotOfScenarios(scenario), NOW).instances[0];

  it("says when the sessions were revoked and gives the consent link, pre-filled for the admin agent", () => {
    const scenario = readyScenario({ adminAgent: "adele@contoso-primary.onmicrosoft.com" });
    withAgent(scenario, { sessionsValidFrom: "2026-11-17T08:30:00Z" });

    const instance = plan(scenario);

    expect(instance?.status).toBe("consent-expired");
    expect(instance?.findings[0]).toMatchObject({
      code: "consent.revoked",
      severity: "error",
      actor: "adele@contoso-primary.onmicrosoft.com (admin agent)",
    });
    expect(instance?.findings[0]?.message).toContain("revoked on 2026-11-17 08:30 UTC");
    expect(instance?.findings[0]?.message).toContain("last delegated sign-in (2026-11-10 10:00 UTC)");
    expect(new URL(instance?.consentUrl ?? "").searchParams.get("login_hint")).toBe(
      "adele@contoso-primary.onmicrosoft.com",
    );
  });

  it("names both dates when the password changed after the last sign-in", () => {
    const scenario = readyScenario();
    withAgent(scenario, { passwordChangedAt: "2026-11-18T12:00:00Z" });

    const [finding] = plan(scenario)?.findings ?? [];

    expect(finding?.severity).toBe("warning");
    expect(finding?.message).toContain("changed on 2026-11-18 12:00 UTC");
    expect(finding?.message).toContain("(2026-11-10 10:00 UTC)");
  });

  it("says a disabled agent's token is refused although the consent was given", () => {
    const scenario = readyScenario();
    withAgent(scenario, { enabled: false });

    const [finding] = plan(scenario)?.findings ?? [];

    expect(finding).toMatchObject({ code: "agent.disabled", severity: "error", status: "blocked" });
    expect(finding?.message).toContain("AADSTS50057");
    expect(finding?.message).toContain("cannot consent again");
  });

  it("names the Conditional Access policy, its period and what to change", () => {
    const scenario = readyScenario();
    withAgent(scenario, {});
    scenario.tenant.conditionalAccessPolicies = [
      conditionalAccessPolicy({
        displayName: "Admins daily",
        includeUsers: ["All"],
        signInFrequency: signInFrequency(1, "days"),
      }),
    ];

    const instance = plan(scenario);

    const [finding] = instance?.findings ?? [];
    expect(instance?.consentUrl).toBeNull();
    expect(finding?.message).toContain('Conditional Access policy "Admins daily"');
    expect(finding?.message).toContain("every 1 day");
    expect(finding?.message).toContain("AADSTS70043");
    expect(finding?.message).toContain(`exclude ${scenario.loaded.instance.spec.consent.adminAgent}`);
    expect(finding?.message).toContain("fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd");
  });

  it("names Policy.Read.All when the policies could not be read", () => {
    const scenario = readyScenario();
    delete scenario.tenant.conditionalAccessPolicies;

    const [finding] = plan(scenario)?.findings ?? [];

    expect(finding).toMatchObject({ code: "observation.incomplete", severity: "warning" });
    expect(finding?.status).toBeUndefined();
    expect(finding?.message).toContain("Policy.Read.All");
  });

  it("says the sign-in report is not offered in the China cloud, not that a permission is missing", () => {
    const scenario = readyScenario({ name: "fabrikam-china", cloud: "china" });
    delete scenario.tenant.servicePrincipalSignInActivities;
    scenario.tenant.unavailable = {
      servicePrincipalSignInActivities: { code: "NotAvailableInCloud", message: "not in the China cloud" },
    };

    const [finding] = plan(scenario)?.findings ?? [];

    expect(finding?.code).toBe("consent.age-unknown");
    expect(finding?.message).toContain(
      "Microsoft does not offer the sign-in report there (not in the China cloud)",
    );
    expect(finding?.message).not.toContain("AuditLog.Read.All");
  });

  it("says the sign-in report needs Entra ID P1 or P2 when Graph refuses it for licensing", () => {
    const scenario = readyScenario();
    delete scenario.tenant.servicePrincipalSignInActivities;
    scenario.tenant.errors = {
      servicePrincipalSignInActivities: graphError(
        403,
        "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
        "Neither tenant is B2C or tenant doesn't have premium license",
      ),
    };

    const [finding] = plan(scenario)?.findings ?? [];

    expect(finding?.code).toBe("consent.age-unknown");
    expect(finding?.message).toContain("needs Microsoft Entra ID P1 or P2");
    expect(finding?.message).not.toContain("AuditLog.Read.All");
  });
});
