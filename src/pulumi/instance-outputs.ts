import type * as pulumi from "@pulumi/pulumi";
import { type BssFormValues, partnerOfRecordFor } from "../core/bss-form/bss-form.js";
import { CLOUD_ENDPOINTS } from "../core/instance/identifiers.js";
import type { PartnerInstance } from "../core/instance/instance.js";
import { buildInstanceConsentUrl } from "../core/reconcile/instance-consent-url.js";
import type { ProvisionedApp } from "./provisioned-app.js";

/** One instance's entry of the stack output `instances`: each BSS form value, or an Output of it. */
export type InstanceOutputs = {
  readonly [K in keyof BssFormValues]: pulumi.Input<BssFormValues[K]>;
};

/**
 * A plain object of separate Outputs, not one `pulumi.output({...})`: Pulumi then keeps the Key's
 * secret flag on the Key alone, and `pulumi stack output --json` (without `--show-secrets`) still
 * shows every other field.
 */
export function buildInstanceOutputs(instance: PartnerInstance, app: ProvisionedApp): InstanceOutputs {
  const { cloud, partner } = instance.spec;
  return {
    apiUrl: CLOUD_ENDPOINTS[cloud].partnerCenterApi,
    tenantName: partner.defaultDomain,
    appId: app.appId,
    key: app.key,
    keyExpiresAt: app.keyExpiresAt,
    accountId: partner.tenantId,
    cspStatus: partner.cspStatus,
    partnerOfRecord: partnerOfRecordFor(partner.cspStatus),
    consentUrl: app.appId.apply((appId) => buildInstanceConsentUrl(instance, appId)),
  };
}
