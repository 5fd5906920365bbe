import { appOwner } from "./actors.js";
import type { AppContext } from "./context.js";
import type { Finding } from "./report.js";

const MULTITENANT = "AzureADMultipleOrgs";

/**
 * Microsoft's secure application model guide for CSP partners registers the app as multitenant
 * ("Accounts in any organizational directory"): App+User calls then work in customers' tenants too
 * (GDAP), not only in the partner's. A warning, not drift: Partner Center calls in the partner's own
 * tenant work either way. Snapshots made before cspops read the audience say nothing about it.
 */
export function checkSignInAudience(context: AppContext): readonly Finding[] {
  const audience = context.app.signInAudience;
  if (audience === undefined || audience === null || audience === MULTITENANT) return [];
  const fix = context.adopted
    ? `set "Supported account types" to "Accounts in any organizational directory (multitenant)" in the Entra admin center (App registrations > Authentication), or \`az ad app update --id ${context.app.appId} --sign-in-audience ${MULTITENANT}\``
    : `run \`pulumi up\` to make it ${MULTITENANT}`;
  return [
    {
      code: "drift.sign-in-audience",
      severity: "warning",
      message: `The app's sign-in audience is ${audience}, but Microsoft's secure application model guide for CSP partners registers it as multitenant (${MULTITENANT}), so that the BSS's App+User calls also work in customers' tenants: ${fix}.`,
      actor: appOwner(context.instance, context.adopted),
    },
  ];
}
