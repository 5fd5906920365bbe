import { createHmac, timingSafeEqual } from "node:crypto";

/** What the emulator's Graph reads from an access token. */
export interface AccessTokenClaims {
  /** Tenant the token was issued in. */
  readonly tid: string;
  /** Client (application) id that asked for it. */
  readonly appid: string;
  readonly aud: string;
  /** Expiry, epoch seconds. */
  readonly exp: number;
  /** Object id of the signed-in user, for delegated tokens. */
  readonly oid?: string;
  readonly scp?: string;
}

/** Lifetime of an access token, as Entra's default (about an hour). */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 3599;

/** Mints a JWT (HS256 with the emulator's own key): shaped like Entra's, verifiable only here. */
export function mintAccessToken(key: Buffer, claims: AccessTokenClaims): string {
  const header = encode({ alg: "HS256", typ: "JWT" });
  const payload = encode({ ...claims, iat: claims.exp - ACCESS_TOKEN_LIFETIME_SECONDS, ver: "2.0" });
  return `${header}.${payload}.${sign(key, `${header}.${payload}`)}`;
}

/** The token's claims when its signature is the emulator's and it has not expired; else undefined. */
export function verifyAccessToken(
  key: Buffer,
  token: string,
  nowSeconds: number,
): AccessTokenClaims | undefined {
  const [header, payload, signature] = token.split(".");
  if (header === undefined || payload === undefined || signature === undefined) return undefined;
  const expected = Buffer.from(sign(key, `${header}.${payload}`));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (!isClaims(claims) || claims.exp <= nowSeconds) return undefined;
  return claims;
}

function isClaims(value: unknown): value is AccessTokenClaims {
  const claims = value as Partial<AccessTokenClaims> | null;
  return (
    typeof claims === "object" &&
    claims !== null &&
    typeof claims.tid === "string" &&
    typeof claims.appid === "string" &&
    typeof claims.exp === "number"
  );
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function sign(key: Buffer, data: string): string {
  return createHmac("sha256", key).update(data).digest("base64url");
}
