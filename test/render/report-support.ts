// Reports for renderer tests, made by the real planner from documented-shape Graph objects.
import { planReconcile } from "../../src/core/reconcile/plan-reconcile.js";
import type { InstanceReport, ReconcileReport } from "../../src/core/reconcile/report.js";
import {
  daysBeforeNow,
  NOW,
  readyScenario,
  type Scenario,
  snapshotOfScenarios,
} from "../core/reconcile/scenario.js";

/** ready, needs-consent (sandbox), blocked (China, agent without MFA), consent-expiring. */
export function mixedReport(): ReconcileReport {
  const ready = readyScenario({ name: "contoso-primary" });
  const sandbox = readyScenario({
    name: "contoso-sandbox",
    environment: "sandbox",
    sandboxOf: "contoso-primary",
  });
  sandbox.tenant.oauth2PermissionGrants = [];
  const china = readyScenario({ name: "fabrikam-china", cloud: "china" });
  china.tenant.oauth2PermissionGrants = [];
  const [registration] = china.tenant.userRegistrationDetails ?? [];
  if (registration) china.tenant.userRegistrationDetails = [{ ...registration, isMfaRegistered: false }];
  const expiring = readyScenario({ name: "tailspin-primary" });
  setLastSignIn(expiring, daysBeforeNow(80));
  return planReconcile(
    [ready.loaded, sandbox.loaded, china.loaded, expiring.loaded],
    snapshotOfScenarios(ready, sandbox, china, expiring),
    NOW,
  );
}

/**
 * `mixedReport()` whose first instance drifted, with one finding that says `message` (text from
 * the tenant, which the renderers must not trust); `others: false` leaves the other instances out.
 */
export function reportSaying(message: string, options: { readonly others: boolean }): ReconcileReport {
  const report = mixedReport();
  const [first, ...rest] = report.instances;
  if (first === undefined) throw new Error("empty report");
  const drifted: InstanceReport = {
    ...first,
    status: "drifted",
    findings: [{ code: "drift.display-name", severity: "error", status: "drifted", message }],
  };
  return { ...report, instances: options.others ? [drifted, ...rest] : [drifted] };
}

/** `count` instances, every third one needing consent, the others ready. */
export function largeReport(count: number): ReconcileReport {
  const scenarios = Array.from({ length: count }, (_, index) => {
    const scenario = readyScenario({ name: `partner-${String(index).padStart(5, "0")}` });
    if (index % 3 === 0) scenario.tenant.oauth2PermissionGrants = [];
    return scenario;
  });
  return planReconcile(
    scenarios.map((scenario) => scenario.loaded),
    snapshotOfScenarios(...scenarios),
    NOW,
  );
}

export function setLastSignIn(scenario: Scenario, at: string): void {
  const [activity] = scenario.tenant.servicePrincipalSignInActivities ?? [];
  if (activity === undefined) throw new Error("scenario without sign-in activity");
  scenario.tenant.servicePrincipalSignInActivities = [
    { ...activity, delegatedClientSignInActivity: { lastSignInDateTime: at } },
  ];
}
