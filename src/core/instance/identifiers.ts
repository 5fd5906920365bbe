import type { Cloud } from "./instance.js";

/** First-party "Microsoft Partner Center" app: the resource the BSS's token is for (docs/consent-url.md#identifiers). */
export const PARTNER_CENTER_APP_ID = "fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd";
/** Its delegated permission `user_impersonation`. */
export const PARTNER_CENTER_USER_IMPERSONATION_ID = "1cebfa2a-fb4d-419e-b5f9-839b4383e05a";
export const PARTNER_CENTER_SCOPE = "user_impersonation";
/** Audience of the Partner Center API in every cloud. */
export const PARTNER_CENTER_RESOURCE = "https://api.partnercenter.microsoft.com";

export const MICROSOFT_GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
export const GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID = "62e90394-69f5-4237-9190-012177145e10";
export const ADMIN_AGENTS_GROUP_NAME = "AdminAgents";

/** Microsoft Graph application permissions the observer reads each partner tenant with. */
export const OBSERVER_PERMISSIONS = [
  "Application.Read.All",
  "DelegatedPermissionGrant.Read.All",
  "User.Read.All",
  "GroupMember.Read.All",
  "RoleManagement.Read.Directory",
  "AuditLog.Read.All",
  "Policy.Read.All",
] as const;

/** The refresh token dies after this many days without use. */
export const CONSENT_IDLE_LIFETIME_DAYS = 90;
/** A Key must stay valid at least this long, or the instance is drifted. */
export const MIN_KEY_VALIDITY_DAYS = 30;

export const INSTANCE_TAG_PREFIX = "cspops:instance:";
export const MANAGED_TAG = "cspops";

export function instanceTag(name: string): string {
  return `${INSTANCE_TAG_PREFIX}${name}`;
}

/** Endpoints of one Microsoft cloud (docs/consent-url.md#identifiers). */
export interface CloudEndpoints {
  readonly authority: string;
  readonly graph: string;
  readonly partnerCenterApi: string;
  /** `environment` of the azuread provider. */
  readonly azureadEnvironment: "global" | "china";
}

export const CLOUD_ENDPOINTS: Readonly<Record<Cloud, CloudEndpoints>> = {
  global: {
    authority: "https://login.microsoftonline.com",
    graph: "https://graph.microsoft.com",
    partnerCenterApi: "https://api.partnercenter.microsoft.com",
    azureadEnvironment: "global",
  },
  china: {
    authority: "https://login.chinacloudapi.cn",
    graph: "https://microsoftgraph.chinacloudapi.cn",
    partnerCenterApi: "https://partner.partnercenterapi.microsoftonline.cn",
    azureadEnvironment: "china",
  },
};
