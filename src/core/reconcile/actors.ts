import type { PartnerInstance } from "../instance/instance.js";

// Who must act, in the words the report uses. Kept together so every finding names people alike.

export function adminAgent(instance: PartnerInstance): string {
  return `${instance.spec.consent.adminAgent} (admin agent)`;
}

export function tenantAdministrator(instance: PartnerInstance): string {
  return `a Global Administrator of ${instance.spec.partner.defaultDomain}`;
}

export const PLATFORM_TEAM = "platform team (`pulumi up`)";

export const OBSERVER_OPERATOR = "cspops operator (observer access)";

export function fileMaintainer(file: string): string {
  return `maintainers of ${file}`;
}

/** Who fixes the app: Pulumi owns created apps; adopted apps are fixed by hand in the tenant. */
export function appOwner(instance: PartnerInstance, adopted: boolean): string {
  return adopted ? tenantAdministrator(instance) : PLATFORM_TEAM;
}
