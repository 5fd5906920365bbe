import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/identity";
import type { TaskLimiter } from "./concurrency.js";

/** A token is renewed this long before it expires, so no request leaves with a dying one. */
const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * Keeps one access token per tenant and scope, and shares one request for it among callers that
 * ask at the same time. The Graph client asks for a token before every request; MSAL's own cache
 * would answer, but it is searched linearly across every tenant (quadratic over thousands), and
 * concurrent first requests for one tenant would each go to Entra.
 */
export function cacheTokens(credential: TokenCredential, now: () => number = Date.now): TokenCredential {
  const tokens = new Map<string, Promise<AccessToken | null>>();
  return {
    getToken(scopes: string | string[], options?: GetTokenOptions) {
      const key = `${options?.tenantId ?? ""} ${[scopes].flat().join(" ")}`;
      const cached = tokens.get(key);
      if (cached !== undefined) {
        return cached.then((token) =>
          token !== null && token.expiresOnTimestamp - RENEW_BEFORE_MS > now() ? token : refresh(),
        );
      }
      return refresh();

      function refresh(): Promise<AccessToken | null> {
        const pending = credential.getToken(scopes, options);
        tokens.set(key, pending);
        // A failure is not cached: the next request asks Entra again.
        pending.catch(() => {
          if (tokens.get(key) === pending) tokens.delete(key);
        });
        return pending;
      }
    },
  };
}

/** Token requests through `limiter`, so that no more than its limit go to Entra at once. */
export function boundTokens(credential: TokenCredential, limiter: TaskLimiter): TokenCredential {
  return { getToken: (scopes, options) => limiter.run(() => credential.getToken(scopes, options)) };
}

/**
 * Token requests wait for the credential's first one to settle: MSAL fetches Entra's endpoint
 * metadata on it and caches it, and requests sent meanwhile would each fetch it again.
 */
export function firstRequestAlone(credential: TokenCredential): TokenCredential {
  let first: Promise<unknown> | undefined;
  return {
    getToken(scopes, options) {
      if (first !== undefined) return first.then(() => credential.getToken(scopes, options));
      const token = credential.getToken(scopes, options);
      first = token.catch(() => undefined);
      return token;
    },
  };
}
