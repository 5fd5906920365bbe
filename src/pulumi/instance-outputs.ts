import type * as pulumi from "@pulumi/pulumi";
import { type BssFormValues, partnerOfRecordFor } from "../core/bss-form.js";
import { buildConsentUrl } from "../core/consent-url.js";
import { CLOUD_ENDPOINTS } from "../core/identifiers.js";
import type { PartnerInstance } from "../core/instance.js";
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
  const redirectUri = instance.spec.app.redirectUris[0];
  return {
    apiUrl: CLOUD_ENDPOINTS[cloud].partnerCenterApi,
    tenantName: partner.defaultDomain,
    appId: app.appId,
    key: app.key,
    keyExpiresAt: app.keyExpiresAt,
    accountId: partner.tenantId,
    cspStatus: partner.cspStatus,
    partnerOfRecord: partnerOfRecordFor(partner.cspStatus),
    consentUrl:
      redirectUri === undefined
        ? ""
        : app.appId.apply((appId) =>
            buildConsentUrl({
              cloud,
              tenantId: partner.tenantId,
              appId,
              redirectUri,
              state: instance.metadata.name,
            }),
          ),
  };
}
