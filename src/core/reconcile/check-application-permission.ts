import { MICROSOFT_GRAPH_APP_ID, PARTNER_CENTER_APP_ID } from "../instance/identifiers.js";
import { appOwner } from "./actors.js";
import type { AppContext } from "./context.js";
import type { Finding } from "./report.js";

/**
 * The app requests application permissions (`requiredResourceAccess` entries of type `Role`).
 * Microsoft's secure application model guide says the multitenant app should have no application
 * permissions: it acts only on behalf of the signed-in admin agent (delegated, type `Scope`), and an
 * application permission, once an administrator grants it, lets whoever holds the Key act without
 * any user or MFA.
 */
export function checkApplicationPermissions(context: AppContext): readonly Finding[] {
  const roles = context.app.requiredResourceAccess.flatMap((resource) =>
    resource.resourceAccess
      .filter((access) => access.type === "Role")
      .map((access) => `${access.id} of ${resourceName(resource.resourceAppId)}`),
  );
  if (roles.length === 0) return [];
  const fix = context.adopted
    ? "remove them in the Entra admin center (App registrations > API permissions), and revoke any admin consent given to them"
    : "run `pulumi up` to remove them, and revoke any admin consent given to them in the Entra admin center (Enterprise applications > Permissions)";
  return [
    {
      code: "drift.application-permission",
      severity: "warning",
      message: `The app requests ${roles.length === 1 ? "an application permission" : `${roles.length} application permissions`} (${roles.join(", ")}). Microsoft's secure application model guide has the app use delegated permissions only: an application permission lets anyone holding the Key act without a signed-in user or MFA. ${capitalise(fix)}.`,
      actor: appOwner(context.instance, context.adopted),
    },
  ];
}

function resourceName(appId: string): string {
  const id = appId.toLowerCase();
  if (id === MICROSOFT_GRAPH_APP_ID) return `Microsoft Graph (${appId})`;
  if (id === PARTNER_CENTER_APP_ID) return `Microsoft Partner Center (${appId})`;
  return `API ${appId}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
