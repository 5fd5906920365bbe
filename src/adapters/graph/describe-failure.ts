import { GraphError as SdkGraphError } from "@microsoft/microsoft-graph-client";
import type { GraphError as ObservedError } from "../../core/snapshot/snapshot.js";
import { TransportFailure } from "./https-transport.js";

/**
 * Turns whatever the SDKs threw (the Graph client's `GraphError`, `@azure/identity`'s
 * `AuthenticationError` / `AuthenticationRequiredError` / `CredentialUnavailableError` /
 * `AggregateAuthenticationError`, our transport's `TransportFailure`) into the snapshot's error:
 * status, code, message, request id.
 * This is the one place SDK errors are read; callers redact the result before it goes anywhere.
 */
export function describeFailure(error: unknown): ObservedError {
  if (error instanceof TransportFailure) return { code: error.name, message: error.message };
  if (error instanceof SdkGraphError) {
    return compact({
      status: error.statusCode > 0 ? error.statusCode : undefined,
      code: error.code ?? "GraphError",
      message: error.message || "Microsoft Graph failed without a message",
      requestId: error.requestId ?? headerOf(error.headers, "request-id"),
    });
  }
  const named = error as { name?: unknown; message?: unknown };
  if (named.name === "AuthenticationError" || named.name === "AuthenticationRequiredError") {
    return describeAuthenticationError(error as AuthenticationErrorShape);
  }
  if (String(named.message ?? "").startsWith("endpoints_resolution_error")) {
    // MSAL could not read the tenant's OpenID configuration; it keeps Entra's reason to itself.
    return {
      code: "endpoints_resolution_error",
      message:
        "Microsoft Entra gave no sign-in endpoints for this tenant: the tenant id is not known in this cloud, or the authority cannot be reached",
    };
  }
  if (named.name === "CredentialUnavailableError") {
    return { code: "CredentialUnavailable", message: firstLines(String(named.message ?? "")) };
  }
  if (named.name === "AggregateAuthenticationError") {
    const inner = (error as { errors?: unknown[] }).errors ?? [];
    const unavailable = inner.every(
      (entry) => (entry as { name?: unknown }).name === "CredentialUnavailableError",
    );
    return {
      code: unavailable ? "CredentialUnavailable" : "AuthenticationFailed",
      message: firstLines(String(named.message ?? "no credential could get a token")),
    };
  }
  if (error instanceof Error) return { code: error.name || "Error", message: firstLines(error.message) };
  return { code: "Error", message: String(error) };
}

/** A failed `$batch` sub-response: Graph's `{ error: { code, message, innerError } }` body. */
export function describeSubResponseError(status: number, body: unknown): ObservedError {
  const error = (
    body as { error?: { code?: unknown; message?: unknown; innerError?: Record<string, unknown> } }
  )?.error;
  const requestId = error?.innerError?.["request-id"];
  return compact({
    status,
    code: typeof error?.code === "string" ? error.code : `HTTP${status}`,
    message: typeof error?.message === "string" && error.message !== "" ? error.message : `HTTP ${status}`,
    requestId: typeof requestId === "string" ? requestId : undefined,
  });
}

interface AuthenticationErrorShape {
  readonly statusCode?: number;
  readonly message?: string;
  readonly errorResponse?: { error?: string; errorDescription?: string; traceId?: string };
}

/**
 * Entra's answer: `invalid_client` + `AADSTS7000215: …`; Entra's trace id is its request id. MSAL
 * folds the OAuth error into one line (`invalid_client: Error(s): 7000215 - Timestamp: … -
 * Description: AADSTS… - Trace ID: …`), and `DefaultAzureCredential` wraps that again: the parts
 * are taken back out of the text.
 */
function describeAuthenticationError(error: AuthenticationErrorShape): ObservedError {
  const description = error.errorResponse?.errorDescription ?? error.message ?? "";
  const folded = /\b([a-z_]+): Error\(s\):/.exec(description)?.[1];
  const aadsts = /(AADSTS\d+: .*?)(?:\s+-?\s*(?:Trace ID|Correlation ID|Timestamp):|$)/s.exec(
    description,
  )?.[1];
  const traceId = error.errorResponse?.traceId ?? /Trace ID: ([0-9a-f-]{36})/i.exec(description)?.[1];
  const code = folded ?? error.errorResponse?.error;
  return compact({
    status: error.statusCode !== undefined && error.statusCode > 0 ? error.statusCode : undefined,
    code: code !== undefined && /^[a-z_]+$/.test(code) ? code : "AuthenticationError",
    message:
      firstLines(aadsts ?? description.replace(/\s*Trace ID:.*$/s, "")) ||
      "Microsoft Entra refused the token request",
    requestId: traceId,
  });
}

/** Keeps messages to what a report line can carry. */
function firstLines(text: string): string {
  const trimmed = text.trim().split(/\r?\n/).slice(0, 3).join(" ");
  return trimmed.length > 600 ? `${trimmed.slice(0, 597)}...` : trimmed;
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  return undefined;
}

function compact(error: {
  status?: number | undefined;
  code: string;
  message: string;
  requestId?: string | undefined;
}): ObservedError {
  return {
    ...(error.status === undefined ? {} : { status: error.status }),
    code: error.code,
    message: error.message,
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
  };
}
