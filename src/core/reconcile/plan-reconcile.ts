import { activeAcknowledgement } from "../acknowledge/acknowledgement.js";
import type { LoadedInstance } from "../instance/instance.js";
import type { GraphError, ObservedSnapshot } from "../snapshot/snapshot.js";
import { type ConsentNeed, checkAdminAgent } from "./check-admin-agent.js";
import { checkApplicationPermissions } from "./check-application-permission.js";
import { checkConsentGrant } from "./check-consent-grant.js";
import { checkDisplayName } from "./check-display-name.js";
import { checkKeyValidity } from "./check-key-validity.js";
import { checkPasswordChange } from "./check-password-change.js";
import { checkPartnerCenterPermission } from "./check-permission.js";
import { checkRedirectUris } from "./check-redirect-uris.js";
import { checkServicePrincipal } from "./check-service-principal.js";
import { checkSessionRevocation } from "./check-session-revocation.js";
import { checkSignInAge } from "./check-sign-in-age.js";
import { checkSignInAudience } from "./check-sign-in-audience.js";
import { checkSignInFrequency } from "./check-sign-in-frequency.js";
import { tenantNotObserved, tenantUnreachable } from "./check-tenant.js";
import type { AppContext, DriftRule, InstanceContext } from "./context.js";
import { findApp } from "./find-app.js";
import { buildInstanceConsentUrl } from "./instance-consent-url.js";
import {
  deriveStatus,
  type Finding,
  type InstanceReport,
  REPORT_SCHEMA_VERSION,
  type ReconcileReport,
  summariseStatuses,
} from "./report.js";
import { indexTenant, type TenantIndex } from "./tenant-index.js";

export interface PlanOptions {
  /** Authority of consent links instead of the cloud's (the local emulator). */
  readonly authority?: string | undefined;
}

/** Checks of the app against its YAML, in report order; each lives in its own file. */
const DRIFT_RULES: readonly DriftRule[] = [
  checkDisplayName,
  checkRedirectUris,
  checkPartnerCenterPermission,
  checkServicePrincipal,
  checkKeyValidity,
  checkSignInAudience,
  checkApplicationPermissions,
];

const CONSENT_LINK_CODES = new Set([
  "consent.missing",
  "consent.expired",
  "consent.expiring",
  "consent.revoked",
]);

/**
 * Plans every instance against what was observed (docs/statuses.md): pure and synchronous, no clock, no
 * I/O. Each tenant is indexed once, so the work grows linearly with the number of instances.
 */
export function planReconcile(
  instances: readonly LoadedInstance[],
  snapshot: ObservedSnapshot,
  now: Date,
  options: PlanOptions = {},
): ReconcileReport {
  const tenants = lookupTenants(snapshot);
  const reports = instances.map((loaded) =>
    withPeople(planInstance(loaded, snapshot, tenants, now.getTime(), options), loaded, now.getTime()),
  );
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: now.toISOString(),
    observedAt: snapshot.observedAt,
    summary: summariseStatuses(reports),
    instances: reports,
  };
}

type TenantLookup =
  | { readonly kind: "not-observed" }
  | { readonly kind: "unreachable"; readonly error: GraphError }
  | { readonly kind: "observed"; readonly index: TenantIndex };

/** Tenant ids are GUIDs: matched in any case; each tenant is indexed on first use only. */
function lookupTenants(snapshot: ObservedSnapshot): (tenantId: string) => TenantLookup {
  const observations = new Map(
    Object.entries(snapshot.tenants).map(([id, observation]) => [id.toLowerCase(), observation]),
  );
  const indexes = new Map<string, TenantLookup>();
  return (tenantId) => {
    const key = tenantId.toLowerCase();
    let lookup = indexes.get(key);
    if (lookup === undefined) {
      const observation = observations.get(key);
      lookup =
        observation === undefined
          ? { kind: "not-observed" }
          : observation.error !== undefined
            ? { kind: "unreachable", error: observation.error }
            : { kind: "observed", index: indexTenant(observation) };
      indexes.set(key, lookup);
    }
    return lookup;
  };
}

function planInstance(
  loaded: LoadedInstance,
  snapshot: ObservedSnapshot,
  tenants: ReturnType<typeof lookupTenants>,
  now: number,
  options: PlanOptions,
): InstanceReport {
  const { instance } = loaded;
  const lookupTenant = tenants(instance.spec.partner.tenantId);
  if (lookupTenant.kind === "not-observed")
    return report(loaded, [tenantNotObserved(instance, snapshot.observedAt)]);
  if (lookupTenant.kind === "unreachable")
    return report(loaded, [tenantUnreachable(instance, lookupTenant.error)]);
  const tenant = lookupTenant.index;

  const context: InstanceContext = { loaded, instance, tenant, now };
  const lookup = findApp(context);
  if (lookup.kind !== "found") {
    // No app yet means a consent will be needed, but `not-provisioned` (or `unknown`) outranks the agent.
    const need: ConsentNeed = lookup.kind === "missing" ? "needed" : "unknown";
    return report(loaded, [
      ...lookup.findings,
      ...checkAdminAgent(context, need, deriveStatus(lookup.findings)),
      ...checkSignInFrequency(context),
    ]);
  }

  const app = lookup.app;
  const appContext: AppContext = {
    ...context,
    app,
    servicePrincipal: tenant.servicePrincipalsByAppId?.get(app.appId.toLowerCase()),
    adopted: instance.spec.app.existingAppId !== undefined,
  };
  const findings: Finding[] = [...lookup.findings];
  for (const rule of DRIFT_RULES) findings.push(...rule(appContext));

  const grant = checkConsentGrant(appContext);
  findings.push(...grant.findings);
  const age = grant.state === "granted" ? checkSignInAge(appContext) : undefined;
  if (age !== undefined) findings.push(...age.findings);
  const revocation = age === undefined ? [] : checkSessionRevocation(appContext, age.lastSignInAt);
  findings.push(...revocation);
  if (age !== undefined) findings.push(...checkPasswordChange(appContext, age.lastSignInAt));
  const revoked = revocation.some((finding) => finding.severity === "error");

  const need: ConsentNeed =
    grant.state === "missing" || age?.state === "expired" || revoked
      ? "needed"
      : grant.state === "unknown"
        ? "unknown"
        : age?.state === "expiring"
          ? "soon"
          : "not-needed";
  findings.push(...checkAdminAgent(appContext, need, deriveStatus(findings), grant.state === "granted"));
  findings.push(...checkSignInFrequency(appContext));

  const wantsLink = findings.some((finding) => CONSENT_LINK_CODES.has(finding.code));
  return report(loaded, findings, {
    appId: app.appId,
    consentUrl: wantsLink ? buildInstanceConsentUrl(instance, app.appId, options.authority) : null,
    consentExpiresAt: isoOrNull(age?.expiresAt),
    lastDelegatedSignInAt: isoOrNull(age?.lastSignInAt),
  });
}

function report(
  loaded: LoadedInstance,
  findings: readonly Finding[],
  facts: Pick<InstanceReport, "appId" | "consentUrl" | "consentExpiresAt" | "lastDelegatedSignInAt"> = {
    appId: loaded.instance.spec.app.existingAppId ?? null,
    consentUrl: null,
    consentExpiresAt: null,
    lastDelegatedSignInAt: null,
  },
): InstanceReport {
  const { instance } = loaded;
  return {
    name: instance.metadata.name,
    file: loaded.file,
    environment: instance.spec.environment,
    cloud: instance.spec.cloud,
    tenantId: instance.spec.partner.tenantId,
    adminAgent: instance.spec.consent.adminAgent,
    appId: facts.appId,
    status: deriveStatus(findings),
    consentUrl: facts.consentUrl,
    consentExpiresAt: facts.consentExpiresAt,
    lastDelegatedSignInAt: facts.lastDelegatedSignInAt,
    findings,
  };
}

/** Who owns the instance, and whether a known problem is acknowledged: facts of the YAML, not of Graph. */
function withPeople(report: InstanceReport, loaded: LoadedInstance, now: number): InstanceReport {
  const owners = loaded.instance.metadata.owners;
  const acknowledged = activeAcknowledgement(loaded.instance, now);
  return {
    ...report,
    ...(owners === undefined || owners.length === 0 ? {} : { owners }),
    ...(acknowledged === undefined ? {} : { acknowledged }),
  };
}

function isoOrNull(epoch: number | undefined): string | null {
  return epoch === undefined ? null : new Date(epoch).toISOString();
}
