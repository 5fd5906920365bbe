import { appOwner } from "./actors.js";
import type { AppContext } from "./context.js";
import { missingListFinding } from "./observation-gaps.js";
import type { Finding } from "./report.js";

/** The app has a service principal in its tenant: grants hang off it, so consent needs it. */
export function checkServicePrincipal(context: AppContext): readonly Finding[] {
  if (context.tenant.servicePrincipalsByAppId === undefined) {
    return [
      missingListFinding(
        context,
        "servicePrincipals",
        "neither the app's service principal nor its consent can be checked",
        "unknown",
      ),
    ];
  }
  if (context.servicePrincipal !== undefined) return [];
  const fix = context.adopted
    ? `create it in the Entra admin center (Enterprise applications) or with \`az ad sp create --id ${context.app.appId}\``
    : "run `pulumi up` to create it";
  return [
    {
      code: "drift.service-principal-missing",
      severity: "error",
      status: "drifted",
      message: `The app has no service principal in ${context.instance.spec.partner.defaultDomain}, so no consent can be recorded for it: ${fix}.`,
      actor: appOwner(context.instance, context.adopted),
    },
  ];
}
