import { randomUUID } from "node:crypto";

/**
 * One Graph request and its answer (a `$batch` sub-request on its own), for contract tests and for
 * tests that count a tenant's requests and when they came (rounds, `Retry-After` pauses).
 */
export interface RecordedGraphExchange {
  /** The tenant the access token named (lower case); undefined when the token was refused. */
  readonly tenantId: string | undefined;
  /** When the request reached the emulator (epoch ms); a `$batch` sub-request has its batch's. */
  readonly receivedAt: number;
  readonly method: string;
  /** Absolute URL; a batch sub-request's relative URL resolved against `{origin}/{version}`. */
  readonly url: string;
  readonly requestBody?: string | undefined;
  readonly status: number;
  readonly body?: unknown;
}

/** What a Graph route answers; the handler turns it into an HTTP response or a `$batch` entry. */
export interface GraphReply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Graph's error shape: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`,
 * with the request id also in the `request-id` header, as Graph sends it.
 */
export function graphErrorReply(
  status: number,
  code: string,
  message: string,
  now: Date,
  headers: Readonly<Record<string, string>> = {},
): GraphReply {
  const requestId = randomUUID();
  return {
    status,
    headers: { ...headers, "request-id": requestId, "client-request-id": requestId },
    body: {
      error: {
        code,
        message,
        innerError: {
          date: now.toISOString().replace(/\.\d{3}Z$/, ""),
          "request-id": requestId,
          "client-request-id": requestId,
        },
      },
    },
  };
}

export function okReply(body: unknown): GraphReply {
  const requestId = randomUUID();
  return { status: 200, body, headers: { "request-id": requestId, "client-request-id": requestId } };
}

/** Graph's answer for a filter or path the emulated endpoint does not support. */
export function badRequest(message: string, now: Date): GraphReply {
  return graphErrorReply(400, "BadRequest", message, now);
}

export function resourceNotFound(key: string, now: Date): GraphReply {
  return graphErrorReply(
    404,
    "Request_ResourceNotFound",
    `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
    now,
  );
}

export function accessDenied(now: Date): GraphReply {
  return graphErrorReply(
    403,
    "Authorization_RequestDenied",
    "Insufficient privileges to complete the operation.",
    now,
  );
}
