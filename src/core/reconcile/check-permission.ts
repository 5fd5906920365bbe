import {
  PARTNER_CENTER_APP_ID,
  PARTNER_CENTER_SCOPE,
  PARTNER_CENTER_USER_IMPERSONATION_ID,
} from "../instance/identifiers.js";
import { appOwner } from "./actors.js";
import type { AppContext } from "./context.js";
import type { Finding } from "./report.js";

/** The app asks for Partner Center's delegated `user_impersonation`, or consent cannot grant it. */
export function checkPartnerCenterPermission(context: AppContext): readonly Finding[] {
  const requested = context.app.requiredResourceAccess.some(
    (resource) =>
      resource.resourceAppId.toLowerCase() === PARTNER_CENTER_APP_ID &&
      resource.resourceAccess.some(
        (access) =>
          access.type === "Scope" && access.id.toLowerCase() === PARTNER_CENTER_USER_IMPERSONATION_ID,
      ),
  );
  if (requested) return [];
  const fix = context.adopted
    ? `add it in the Entra admin center (App registrations > API permissions > APIs my organization uses > Microsoft Partner Center > Delegated > ${PARTNER_CENTER_SCOPE})`
    : "run `pulumi up` to add it";
  return [
    {
      code: "drift.permission-missing",
      severity: "error",
      status: "drifted",
      message: `The app does not request Partner Center's delegated permission ${PARTNER_CENTER_SCOPE} (API ${PARTNER_CENTER_APP_ID}, permission ${PARTNER_CENTER_USER_IMPERSONATION_ID}), so consent cannot give the BSS Partner Center access: ${fix}.`,
      actor: appOwner(context.instance, context.adopted),
    },
  ];
}
