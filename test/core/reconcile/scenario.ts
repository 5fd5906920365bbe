// Builders for planner tests: an instance as the loader hands it over, and a tenant observed in the
// state where that instance is ready, which each test then changes in one respect.
import { instanceTag, MANAGED_TAG } from "../../../src/core/instance/identifiers.js";
import type { LoadedInstance, PartnerInstance } from "../../../src/core/instance/instance.js";
import type { ObservedSnapshot, TenantObservation } from "../../../src/core/snapshot/snapshot.js";
import {
  graphApplication,
  graphServicePrincipal,
  graphUser,
  groupMembership,
  guidFor,
  oauth2PermissionGrant,
  partnerCenterServicePrincipal,
  passwordCredential,
  servicePrincipalSignInActivity,
  userRegistrationDetails,
} from "../../support/graph-builders.js";

export const NOW = new Date("2026-11-20T10:00:00Z");
export const DAY = 86_400_000;

/** An ISO instant `days` days before (negative: after) `NOW`, to the millisecond. */
export function daysBeforeNow(days: number, now: Date = NOW): string {
  return new Date(now.getTime() - days * DAY).toISOString();
}

export interface InstanceOptions {
  name?: string;
  environment?: "primary" | "sandbox";
  sandboxOf?: string;
  cloud?: "global" | "china";
  tenantId?: string;
  defaultDomain?: string;
  displayName?: string;
  redirectUris?: string[];
  existingAppId?: string;
  adminAgent?: string;
  warnDays?: number;
}

export function loadedInstance(options: InstanceOptions = {}): LoadedInstance {
  const name = options.name ?? "contoso-primary";
  const domain =
    options.defaultDomain ??
    (options.cloud === "china" ? `${name}.partner.onmschina.cn` : `${name}.onmicrosoft.com`);
  const instance: PartnerInstance = {
    apiVersion: "cspops/v1",
    kind: "PartnerInstance",
    metadata: { name },
    spec: {
      environment: options.environment ?? "primary",
      ...(options.sandboxOf === undefined ? {} : { sandboxOf: options.sandboxOf }),
      cloud: options.cloud ?? "global",
      partner: {
        tenantId: options.tenantId ?? guidFor(`tenant:${name}`),
        defaultDomain: domain,
        cspStatus: "indirect",
      },
      app: {
        displayName: options.displayName ?? `${name} BSS`,
        redirectUris: options.redirectUris ?? [`https://bss.${name}.example/ms/consent/callback`],
        secret: { rotationDays: 180 },
        ...(options.existingAppId === undefined ? {} : { existingAppId: options.existingAppId }),
      },
      consent: { adminAgent: options.adminAgent ?? `admin@${domain}`, warnDays: options.warnDays ?? 14 },
      catalogue: { productNames: "continuously-update" },
      provisioning: { annualSubscriptions: false },
    },
  };
  return { file: `instances/${name}.yaml`, instance };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A tenant whose lists a test may replace or delete. */
export type MutableTenant = Mutable<TenantObservation>;

export interface Scenario {
  readonly loaded: LoadedInstance;
  readonly tenantId: string;
  readonly appId: string;
  readonly servicePrincipalId: string;
  readonly partnerCenterServicePrincipalId: string;
  readonly agentId: string;
  readonly tenant: MutableTenant;
}

/**
 * The instance's tenant as Graph shows it when the instance is ready: the tagged app matching the
 * YAML with a Key valid for 170 more days, its service principal, an AllPrincipals grant to Partner
 * Center, a delegated sign-in 10 days ago, an enabled admin agent in AdminAgents with MFA, and no
 * Conditional Access policy.
 */
export function readyScenario(options: InstanceOptions = {}, now: Date = NOW): Scenario {
  const loaded = loadedInstance(options);
  const spec = loaded.instance.spec;
  const name = loaded.instance.metadata.name;
  const tenantId = spec.partner.tenantId;
  const appId = spec.app.existingAppId ?? guidFor(`app:${name}`);
  const app = graphApplication({
    appId,
    displayName: spec.app.displayName,
    tags: spec.app.existingAppId === undefined ? [MANAGED_TAG, instanceTag(name)] : [],
    redirectUris: spec.app.redirectUris,
    passwordCredentials: [passwordCredential({ endDateTime: daysBeforeNow(-170, now), seed: name })],
  });
  const servicePrincipal = graphServicePrincipal({
    appId,
    displayName: spec.app.displayName,
    ownerTenantId: tenantId,
  });
  const partnerCenter = partnerCenterServicePrincipal(tenantId);
  const agent = graphUser({ userPrincipalName: spec.consent.adminAgent });
  const tenant: MutableTenant = {
    applications: [app],
    servicePrincipals: [servicePrincipal, partnerCenter],
    oauth2PermissionGrants: [
      oauth2PermissionGrant({
        clientId: servicePrincipal.id,
        resourceId: partnerCenter.id,
        scope: "user_impersonation",
      }),
    ],
    servicePrincipalSignInActivities: [
      servicePrincipalSignInActivity({ appId, lastDelegatedSignIn: daysBeforeNow(10, now) }),
    ],
    users: [agent],
    memberOf: { [agent.id]: [groupMembership("AdminAgents")] },
    userRegistrationDetails: [userRegistrationDetails({ user: agent, isMfaRegistered: true })],
    conditionalAccessPolicies: [],
  };
  return {
    loaded,
    tenantId,
    appId,
    servicePrincipalId: servicePrincipal.id,
    partnerCenterServicePrincipalId: partnerCenter.id,
    agentId: agent.id,
    tenant,
  };
}

export function snapshotOf(
  tenants: Readonly<Record<string, TenantObservation>>,
  observedAt = "2026-11-20T09:55:00Z",
): ObservedSnapshot {
  return { schemaVersion: 1, observedAt, tenants };
}

export function snapshotOfScenarios(...scenarios: readonly Scenario[]): ObservedSnapshot {
  return snapshotOf(Object.fromEntries(scenarios.map((scenario) => [scenario.tenantId, scenario.tenant])));
}
