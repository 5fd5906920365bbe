import { PARTNER_CENTER_APP_ID, PARTNER_CENTER_SCOPE } from "../instance/identifiers.js";
import type { GraphOAuth2PermissionGrant } from "../snapshot/snapshot.js";
import { adminAgent } from "./actors.js";
import type { AppContext } from "./context.js";
import { missingListFinding } from "./observation-gaps.js";
import type { Finding } from "./report.js";

export interface ConsentGrantAssessment {
  /** `unknown` when the lists that would tell were not observed. */
  readonly state: "granted" | "missing" | "unknown";
  readonly findings: readonly Finding[];
}

/**
 * Is there a delegated grant from the app's service principal to the Partner Center API's service
 * principal whose scope includes `user_impersonation`, either for all principals or for the admin
 * agent? A grant to another single user does not help the BSS, which signs in as the admin agent.
 */
export function checkConsentGrant(context: AppContext): ConsentGrantAssessment {
  const { tenant, servicePrincipal } = context;
  // The service principal rule already reported a missing list of service principals.
  if (tenant.servicePrincipalsByAppId === undefined) return { state: "unknown", findings: [] };
  if (servicePrincipal === undefined) {
    return missing(context, "the app has no service principal yet (see drift.service-principal-missing)");
  }
  const partnerCenter = tenant.servicePrincipalsByAppId.get(PARTNER_CENTER_APP_ID);
  if (partnerCenter === undefined) {
    return missing(
      context,
      "the Partner Center API has no service principal in this tenant: nobody has consented yet",
    );
  }
  if (tenant.grantsByClientId === undefined) {
    return {
      state: "unknown",
      findings: [
        missingListFinding(
          context,
          "oauth2PermissionGrants",
          "whether consent was given cannot be told",
          "unknown",
        ),
      ],
    };
  }
  const toPartnerCenter = (tenant.grantsByClientId.get(servicePrincipal.id.toLowerCase()) ?? []).filter(
    (grant) => grant.resourceId.toLowerCase() === partnerCenter.id.toLowerCase(),
  );
  const withScope = toPartnerCenter.filter(includesUserImpersonation);
  if (withScope.some((grant) => grant.consentType === "AllPrincipals"))
    return { state: "granted", findings: [] };
  const users = tenant.usersByPrincipalName;
  if (users === undefined && withScope.length > 0) {
    // A Principal grant helps only if its principal is the admin agent, whom only `users` names.
    const principals = withScope.map((grant) => grant.principalId ?? "?").join(", ");
    return {
      state: "unknown",
      findings: [
        missingListFinding(
          context,
          "users",
          `whether the consent of principal id ${principals} is the admin agent's (${context.instance.spec.consent.adminAgent}) cannot be told`,
          "unknown",
        ),
      ],
    };
  }
  const agentId = users?.get(context.instance.spec.consent.adminAgent.toLowerCase())?.id.toLowerCase();
  if (withScope.some((grant) => coversAdminAgent(grant, agentId))) return { state: "granted", findings: [] };

  if (withScope.length > 0) {
    const others = withScope.map((grant) => grant.principalId ?? "?").join(", ");
    return missing(context, `only other users (principal id ${others}) consented, not the admin agent`);
  }
  if (toPartnerCenter.length > 0) {
    const scopes = toPartnerCenter.map((grant) => JSON.stringify((grant.scope ?? "").trim())).join(", ");
    return missing(
      context,
      `the grant to the Partner Center API lacks ${PARTNER_CENTER_SCOPE} (scope ${scopes})`,
    );
  }
  return missing(context, "there is no delegated grant from the app to the Partner Center API");
}

function includesUserImpersonation(grant: GraphOAuth2PermissionGrant): boolean {
  return (grant.scope ?? "").split(/\s+/).includes(PARTNER_CENTER_SCOPE);
}

function coversAdminAgent(grant: GraphOAuth2PermissionGrant, agentId: string | undefined): boolean {
  return (
    grant.consentType === "Principal" && agentId !== undefined && grant.principalId?.toLowerCase() === agentId
  );
}

function missing(context: AppContext, reason: string): ConsentGrantAssessment {
  const agent = context.instance.spec.consent.adminAgent;
  return {
    state: "missing",
    findings: [
      {
        code: "consent.missing",
        severity: "error",
        status: "needs-consent",
        message: `Partner Center access has not been consented: ${reason}. ${agent} must open the consent link, sign in with MFA and approve.`,
        actor: adminAgent(context.instance),
      },
    ],
  };
}
