import { CLOUD_ENDPOINTS } from "../instance/identifiers.js";
import type { Cloud, CspStatus } from "../instance/instance.js";

/**
 * What the Pulumi stack output `instances` holds for one instance (docs/pulumi.md): the values the BSS's
 * "MS Cloud Services" form asks for, plus what the operator needs around it.
 */
export interface BssFormValues {
  /** Partner Center REST base of the instance's cloud (the form's "API URL"). */
  readonly apiUrl: string;
  /** The partner tenant's default domain. */
  readonly tenantName: string;
  /** Application (client) ID of the web app. */
  readonly appId: string;
  /**
   * The app's client secret. A Pulumi secret in the stack; `null` for an app adopted with
   * `existingAppId`, whose Key was made by hand and is unknown to Pulumi.
   */
  readonly key: string | null;
  /** When `key` stops working (RFC 3339); `null` when `key` is. */
  readonly keyExpiresAt: string | null;
  /** The partner's Entra tenant id. */
  readonly accountId: string;
  readonly cspStatus: CspStatus;
  /** What the BSS puts in each subscription's Partner-of-Record field: see {@link partnerOfRecordFor}. */
  readonly partnerOfRecord: string;
  /** The admin agent's consent link (the same URL `cspops consent-link` prints). */
  readonly consentUrl: string;
}

/**
 * A direct CSP's subscriptions carry no Partner of Record: Microsoft counts a subscription towards
 * direct-CSP rebates only when that field is empty (the seed's activation guide).
 */
const DIRECT_PARTNER_OF_RECORD = "";

/**
 * An indirect provider's POR is not one value: the BSS writes, per subscription, the MPN ID of the
 * indirect reseller that placed that order. The output says so in words rather than holding the
 * provider's own Partner ID, which would be the wrong value to copy into any subscription.
 */
export const INDIRECT_PARTNER_OF_RECORD =
  "MPN ID of the indirect reseller that placed the order (the BSS sets it per subscription)";

export function partnerOfRecordFor(cspStatus: CspStatus): string {
  return cspStatus === "direct" ? DIRECT_PARTNER_OF_RECORD : INDIRECT_PARTNER_OF_RECORD;
}

/** The seed form's name for each cloud's API URL choice. */
const CLOUD_LABELS: Readonly<Record<Cloud, string>> = {
  global: "Microsoft Global",
  china: "Microsoft China, operated by 21Vianet",
};

/** Names the cloud whose Partner Center REST base `apiUrl` is, or `undefined` for another URL. */
export function describeApiUrl(apiUrl: string): string | undefined {
  const clouds = Object.keys(CLOUD_ENDPOINTS) as Cloud[];
  const cloud = clouds.find((candidate) => CLOUD_ENDPOINTS[candidate].partnerCenterApi === apiUrl);
  return cloud === undefined ? undefined : CLOUD_LABELS[cloud];
}
