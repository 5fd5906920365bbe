import { describeGraphError, type TenantListName } from "../snapshot/snapshot.js";
import { OBSERVER_OPERATOR } from "./actors.js";
import type { InstanceContext } from "./context.js";
import type { Finding, NotReadyStatus } from "./report.js";

/** What each list is, for people, and the Graph permission the observer needs to read it. */
const LISTS: Readonly<Record<TenantListName, { readonly label: string; readonly permission: string }>> = {
  applications: { label: "applications", permission: "Application.Read.All" },
  servicePrincipals: { label: "service principals", permission: "Application.Read.All" },
  oauth2PermissionGrants: {
    label: "delegated permission grants",
    permission: "DelegatedPermissionGrant.Read.All",
  },
  servicePrincipalSignInActivities: {
    label: "service principal sign-in activity (beta)",
    permission: "AuditLog.Read.All",
  },
  users: { label: "users", permission: "User.Read.All" },
  memberOf: {
    label: "group and role memberships",
    permission: "GroupMember.Read.All and RoleManagement.Read.Directory",
  },
  userRegistrationDetails: { label: "MFA registration details", permission: "AuditLog.Read.All" },
  conditionalAccessPolicies: { label: "Conditional Access policies", permission: "Policy.Read.All" },
};

/**
 * A list the planner needs was not observed in the instance's tenant. With a `status` it keeps the
 * instance `unknown`; without, it is a warning next to whatever the other findings say.
 */
export function missingListFinding(
  context: InstanceContext,
  list: TenantListName,
  consequence: string,
  status?: NotReadyStatus,
): Finding {
  const { label, permission } = LISTS[list];
  const why = describeListError(context, list);
  const domain = context.instance.spec.partner.defaultDomain;
  const finding: Finding = {
    code: "observation.incomplete",
    severity: status === undefined ? "warning" : "error",
    message: `The ${label} of ${domain} were not observed${why}, so ${consequence}. Give the observer ${permission} in that tenant and observe again.`,
    actor: OBSERVER_OPERATOR,
  };
  return status === undefined ? finding : { ...finding, status };
}

/** ` (403 Authorization_RequestDenied: …)` when the snapshot says why `list` is missing, else `""`. */
export function describeListError(context: InstanceContext, list: TenantListName): string {
  const error = context.tenant.observation.errors?.[list];
  return error === undefined ? "" : ` (${describeGraphError(error)})`;
}
