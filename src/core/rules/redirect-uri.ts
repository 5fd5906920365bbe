/** What the redirect rules need to know about one URI, read once per URI. */
export interface RedirectUriShape {
  /** `https`, `http`, … in lower case; undefined when the URI is not an absolute URL. */
  readonly scheme: string | undefined;
  /** The host in lower case (`[::1]` for IPv6), when absolute. */
  readonly host: string | undefined;
}

/** scheme `://` [userinfo `@`] host, then a path, query or fragment; no spaces anywhere. */
const ABSOLUTE =
  /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(?:[^@/?#\s]*@)?(\[[0-9a-fA-F:.]+\]|[^:/?#\s[\]]+)(?::[0-9]*)?(?:[/?#]\S*)?$/;
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function describeRedirectUri(value: string): RedirectUriShape {
  const match = ABSOLUTE.exec(value);
  return { scheme: match?.[1]?.toLowerCase(), host: match?.[2]?.toLowerCase() };
}

/** A problem with a redirect URI, as both the redirect rules and the schema translation word it. */
export interface RedirectUriProblem {
  readonly code: "redirect.not-absolute" | "redirect.not-https";
  readonly message: string;
  readonly hint: string;
}

/**
 * Not an absolute URL, or neither https:// nor http:// on a loopback host: what the schema's
 * redirect-URI pattern rejects, in words. Undefined when the scheme is acceptable.
 */
export function redirectSchemeProblem(shape: RedirectUriShape): RedirectUriProblem | undefined {
  if (shape.scheme === undefined) {
    return {
      code: "redirect.not-absolute",
      message: "the redirect URI is not an absolute URL",
      hint: "write the full URL of the BSS callback, like https://bss.contoso.example/ms/consent/callback",
    };
  }
  if (shape.scheme === "https" || (shape.scheme === "http" && isLoopback(shape))) return undefined;
  return {
    code: "redirect.not-https",
    message: `the redirect URI uses ${shape.scheme}://; Microsoft Entra requires https:// for web apps`,
    hint: "use https:// (plain http:// is allowed only for http://localhost, for development)",
  };
}

/** Entra allows plain http only for a loopback address, for development. */
export function isLoopback(shape: RedirectUriShape): boolean {
  return shape.host !== undefined && LOOPBACK_HOSTS.has(shape.host);
}

/**
 * The WHATWG serialisation (lower-case scheme and host, default port dropped, dots resolved), under
 * which two spellings of one URI compare equal; undefined when it does not parse.
 */
export function normaliseRedirectUri(value: string): string | undefined {
  try {
    return new URL(value).href;
  } catch {
    return undefined;
  }
}
