import type { GraphObject } from "../emulator-state.js";
import { badRequest, type GraphReply, okReply } from "./graph-reply.js";
import { contextFragment, selectProperties } from "./odata-query.js";

export interface PageRequest {
  /** The request URL as Graph would see it: `{origin}/{version}/{path}?{query}`. */
  readonly url: URL;
  /** The emulator's largest page (Graph's default is 100). */
  readonly pageSize: number;
  /** `@odata.context` fragment before any selection, e.g. `applications`. */
  readonly contextName: string;
  /** The items' entity type, e.g. `microsoft.graph.application`: what a `$select` may name. */
  readonly type?: string | undefined;
  readonly now: Date;
}

/**
 * One page of a collection, as Graph pages: `$top` sets the page size (capped by the server's),
 * and `@odata.nextLink` is an absolute URL carrying an opaque `$skiptoken`.
 */
export function pageCollection(items: readonly GraphObject[], request: PageRequest): GraphReply {
  const { url } = request;
  const top = url.searchParams.get("$top");
  const size = Math.min(top === null ? request.pageSize : Number(top), request.pageSize);
  if (!Number.isInteger(size) || size < 1)
    return badRequest("Invalid page size specified: '$top'.", request.now);
  const offset = readSkipToken(url.searchParams.get("$skiptoken"));
  if (offset === undefined) return badRequest("Invalid skiptoken.", request.now);

  const select = url.searchParams.get("$select");
  const page = items.slice(offset, offset + size).map((item) => selectProperties(item, select, request.type));
  const version = url.pathname.split("/")[1] ?? "v1.0";
  const body: Record<string, unknown> = {
    "@odata.context": `${url.origin}/${version}/$metadata#${contextFragment(request.contextName, select)}`,
    value: page,
  };
  if (offset + size < items.length) {
    const next = new URL(url);
    next.searchParams.set("$skiptoken", writeSkipToken(offset + size));
    body["@odata.nextLink"] = next.toString();
  }
  return okReply(body);
}

function writeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString("base64url");
}

function readSkipToken(token: string | null): number | undefined {
  if (token === null) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { offset?: unknown };
    return typeof offset === "number" && Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}
