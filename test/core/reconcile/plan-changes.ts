// Changes to a ready scenario (scenario.ts) for the planner's table-driven tests.
import type { ReconcileStatus } from "../../../src/core/reconcile/report.js";
import {
  graphApplication,
  graphUser,
  groupMembership,
  oauth2PermissionGrant,
  servicePrincipalSignInActivity,
  userRegistrationDetails,
} from "../../support/graph-builders.js";
import type { readyScenario, Scenario } from "./scenario.js";

/** One row of the planner's table: a change to a ready scenario, and what the plan must then say. */
export interface Case {
  readonly name: string;
  readonly options?: Parameters<typeof readyScenario>[0];
  readonly change: (scenario: Scenario) => void;
  readonly status: ReconcileStatus;
  readonly codes: readonly string[];
}

export const grantWith = (
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
export const signInAt = (scenario: Scenario, at: string | null) => [
  servicePrincipalSignInActivity({ appId: scenario.appId, lastDelegatedSignIn: at }),
];
export const firstApp = (scenario: Scenario) =>
  scenario.tenant.applications?.[0] ?? graphApplication({ appId: "x", displayName: "x" });
export const withApp = (scenario: Scenario, change: Partial<Parameters<typeof graphApplication>[0]>) => {
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
export const withAgent = (
  scenario: Scenario,
  change: {
    enabled?: boolean;
    memberOf?: unknown[];
    mfa?: boolean;
    sessionsValidFrom?: string;
    passwordChangedAt?: string;
  },
) => {
  const agent = graphUser({
    userPrincipalName: scenario.loaded.instance.spec.consent.adminAgent,
    accountEnabled: change.enabled ?? true,
    ...(change.sessionsValidFrom === undefined
      ? {}
      : { signInSessionsValidFromDateTime: change.sessionsValidFrom }),
    ...(change.passwordChangedAt === undefined
      ? {}
      : { lastPasswordChangeDateTime: change.passwordChangedAt }),
  });
  scenario.tenant.users = [agent];
  scenario.tenant.memberOf = { [agent.id]: (change.memberOf ?? [groupMembership("AdminAgents")]) as never };
  scenario.tenant.userRegistrationDetails = [
    userRegistrationDetails({ user: agent, isMfaRegistered: change.mfa ?? true }),
  ];
};
export const noConsent = (scenario: Scenario) => {
  scenario.tenant.oauth2PermissionGrants = [];
};
