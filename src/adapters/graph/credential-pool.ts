import type { TokenCredential } from "@azure/identity";
import type { Cloud } from "../../core/instance/instance.js";
import { firstRequestAlone } from "./cached-token-credential.js";

/**
 * Tenants that share one credential. A credential is one MSAL client with its own token cache and
 * its own copy of Entra's endpoint metadata (fetched once per credential where MSAL has none built
 * in: sovereign or custom authorities, the emulator). Sharing it saves, per tenant, building the
 * credential (a `DefaultAzureCredential` is a chain of six) and that metadata exchange; but MSAL
 * searches its token cache linearly, so a credential for thousands of tenants would make every
 * token request slower than the last. 64 keeps the search short and the savings nearly whole.
 */
export const TENANTS_PER_CREDENTIAL = 64;

/**
 * Hands out credentials for one observation: each cloud's current credential serves the next
 * `tenantsPerCredential` tenants, then a new one is made. A credential serves any tenant because
 * every token request names its tenant (`getToken(scope, { tenantId })`); it is let go when the
 * last of its tenants is read, as nothing else holds it.
 */
export class CredentialPool<Target extends { readonly cloud: Cloud }> {
  private readonly current = new Map<Cloud, { readonly credential: TokenCredential; tenants: number }>();

  constructor(
    private readonly make: (target: Target) => TokenCredential,
    private readonly tenantsPerCredential: number = TENANTS_PER_CREDENTIAL,
  ) {}

  /** The credential for the tenant of `target`; made from `target` when a new one is due. */
  credentialFor(target: Target): TokenCredential {
    const shared = this.current.get(target.cloud);
    if (shared !== undefined && shared.tenants < this.tenantsPerCredential) {
      shared.tenants += 1;
      return shared.credential;
    }
    const credential = firstRequestAlone(this.make(target));
    this.current.set(target.cloud, { credential, tenants: 1 });
    return credential;
  }
}
