import { buildConsentUrl, type ConsentUrl } from "../consent/consent-url.js";
import type { PartnerInstance } from "../instance/instance.js";

/** The consent link of an instance whose app is `appId` (docs/consent-url.md): its cloud, tenant, first redirect URI and admin agent. */
export function buildInstanceConsentUrl(
  instance: PartnerInstance,
  appId: string,
  authority?: string,
): ConsentUrl {
  const redirectUri = instance.spec.app.redirectUris[0];
  if (redirectUri === undefined)
    throw new TypeError(`instance ${instance.metadata.name} declares no redirect URI`);
  return buildConsentUrl({
    cloud: instance.spec.cloud,
    tenantId: instance.spec.partner.tenantId,
    appId,
    redirectUri,
    loginHint: instance.spec.consent.adminAgent,
    state: instance.metadata.name,
    authority,
  });
}
