import { OBSERVER_PERMISSIONS } from "../instance/identifiers.js";
import type { PartnerInstance } from "../instance/instance.js";
import { describeGraphError, type GraphError } from "../snapshot/snapshot.js";
import { OBSERVER_OPERATOR, tenantAdministrator } from "./actors.js";
import type { Finding } from "./report.js";

/** The snapshot has no entry for the instance's tenant: nothing is known about it. */
export function tenantNotObserved(instance: PartnerInstance, observedAt: string): Finding {
  const { tenantId, defaultDomain } = instance.spec.partner;
  return {
    code: "tenant.not-observed",
    severity: "error",
    status: "unknown",
    message: `Tenant ${defaultDomain} (${tenantId}) is not in the snapshot observed at ${observedAt}. Observe again with this instance included (\`cspops observe --out FILE\`), then reconcile.`,
    actor: OBSERVER_OPERATOR,
  };
}

/** Graph refused or failed to read the tenant: its state is unknown, not empty. */
export function tenantUnreachable(instance: PartnerInstance, error: GraphError): Finding {
  const { tenantId, defaultDomain } = instance.spec.partner;
  const request = error.requestId === undefined ? "" : ` (request id ${error.requestId})`;
  const denied =
    error.status === 401 || error.status === 403 || /denied|unauthori[sz]ed|forbidden/i.test(error.code);
  const next = denied
    ? `${capitalise(tenantAdministrator(instance))} must grant the observer's app read access in that tenant (${OBSERVER_PERMISSIONS.join(", ")}), then observe again.`
    : "Observe again later; if it keeps failing, check the Microsoft Graph service health for that tenant.";
  return {
    code: "tenant.unreachable",
    severity: "error",
    status: "unknown",
    message: `Microsoft Graph could not read tenant ${defaultDomain} (${tenantId}): ${describeGraphError(error)}${request}. ${next}`,
    actor: denied ? tenantAdministrator(instance) : OBSERVER_OPERATOR,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
