import { buildConsentUrl } from "../consent/consent-url.js";
import type { PartnerInstance } from "../instance/instance.js";

/** The consent link of an instance whose app is `appId` (docs/consent-url.md): its cloud, tenant and first redirect URI. */
export function buildInstanceConsentUrl(
  instance: PartnerInstance,
  appId: string,
  authority?: string,
): string {
  const redirectUri = instance.spec.app.redirectUris[0];
  if (redirectUri === undefined)
    throw new TypeError(`instance ${instance.metadata.name} declares no redirect URI`);
  return buildConsentUrl({
    cloud: instance.spec.cloud,
    tenantId: instance.spec.partner.tenantId,
    appId,
    redirectUri,
    state: instance.metadata.name,
    authority,
  });
}
