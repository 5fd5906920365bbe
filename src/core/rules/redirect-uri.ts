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
