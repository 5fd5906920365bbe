import type { IncomingMessage, ServerResponse } from "node:http";

/** Bodies larger than this are refused: the emulator only ever receives small forms and batches. */
const MAX_BODY_BYTES = 1_000_000;

/**
 * Reads a request body as text; rejects a body over 1 MB (and drops the request). Listens for
 * `data` rather than iterating the stream: an async iterator costs a promise and a tick per chunk,
 * which showed in the emulator's profile at thousands of batches.
 */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      request.off("data", onData);
      request.destroy();
      reject(new Error("request body too large"));
    };
    request.on("data", onData);
    request.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.once("error", reject);
  });
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  sendJsonText(response, status, JSON.stringify(body), headers);
}

/** Sends JSON already serialised (so that the work can be done before a simulated latency). */
export function sendJsonText(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (response.destroyed) return;
  response.writeHead(status, {
    ...headers,
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
    "cache-control": "no-store",
  });
  response.end(text);
}

export function sendHtml(response: ServerResponse, status: number, html: string): void {
  if (response.destroyed) return;
  response.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": String(Buffer.byteLength(html)),
    "cache-control": "no-store",
    // The consent page must not be framed (clickjacking), as Entra's is not.
    "x-frame-options": "DENY",
  });
  response.end(html);
}

export function sendRedirect(response: ServerResponse, location: string): void {
  if (response.destroyed) return;
  response.writeHead(302, { location, "cache-control": "no-store", "content-length": "0" });
  response.end();
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
