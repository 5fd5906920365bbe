// The Graph contract: Microsoft's metadata (test/support/graph-metadata.ts) applied to requests and
// answers. A request must name a path the metadata has, and only properties its type has in
// `$select`, `$filter` and `$expand`; an answer must carry the `@odata.context` Graph sends for that
// request (`#servicePrincipals(id,appId)` for a `$select`, `#users(…)/$entity` for one entity,
// `#reports/authenticationMethods/userRegistrationDetails` for a contained collection, the target
// entity set, e.g. `#directoryObjects`, for a bound navigation) and objects that pass the type check.
import {
  createTypeChecker,
  type GraphVersion,
  readGraphMetadata,
  short,
  type TypeChecker,
} from "./graph-metadata.js";

/** One request and its answer, as the emulator recorded it (a `$batch` sub-request on its own). */
export interface GraphExchange {
  readonly method: string;
  /** The absolute URL, e.g. `https://127.0.0.1:1234/v1.0/users/x?$select=id`. */
  readonly url: string;
  readonly requestBody?: string | undefined;
  readonly status: number;
  readonly body?: unknown;
}

/** Where a path leads: the element type, one entity or a collection, and its context URL fragment. */
export interface ResolvedPath {
  readonly version: GraphVersion;
  readonly type: string;
  readonly single: boolean;
  readonly context: string;
}

const QUERY_OPTIONS = new Set(["$select", "$filter", "$expand", "$top", "$skiptoken", "$count", "$orderby"]);
const MAX_BATCH_REQUESTS = 20;

export function createGraphContract() {
  const metadata = readGraphMetadata();
  const checkers: Record<GraphVersion, TypeChecker> = {
    "v1.0": createTypeChecker(metadata["v1.0"], "v1.0"),
    beta: createTypeChecker(metadata.beta, "beta"),
  };

  /** The path of `url` (after `/{version}`) resolved against the metadata, or why it does not resolve. */
  function resolvePath(url: URL): ResolvedPath | string {
    const [, version, ...segments] = url.pathname.split("/").map(decodeURIComponent);
    if (version !== "v1.0" && version !== "beta") return `${url.pathname}: no Graph version ${version}`;
    const versioned = metadata[version];
    const types = checkers[version];
    const [head = "", ...rest] = segments;
    const keyed = /^(\w+)\((.*)\)$/.exec(head);
    const rootName = keyed?.[1] ?? head;
    const set = versioned.entitySets[rootName];
    const singleton = versioned.singletons[rootName];
    if (set === undefined && singleton === undefined)
      return `${url.pathname}: ${rootName} is not an entity set or singleton`;
    let type = set?.type ?? singleton?.type ?? "";
    let single = set === undefined;
    let context = rootName;
    let bindings = set?.bindings ?? {};
    if (keyed !== null) {
      const key = /^(\w+)='(?:[^']|'')*'$/.exec(keyed[2] ?? "")?.[1];
      if (key === undefined || !(types.typeOf(type)?.alternateKeys ?? []).includes(key)) {
        return `${url.pathname}: ${keyed[2]} is not a key or alternate key of ${short(type)}`;
      }
      single = true;
    }
    for (const segment of rest) {
      if (!single) {
        single = true; // a key segment: `/users/{id}`
        continue;
      }
      const navigation = types.navigation(type, segment);
      if (navigation === undefined)
        return `${url.pathname}: ${short(type)} has no navigation property ${segment}`;
      const target = bindings[segment];
      if (target !== undefined) context = target;
      else if (navigation.containsTarget === true) context = `${context}/${segment}`;
      else return `${url.pathname}: ${segment} is neither bound nor contained in the metadata`;
      bindings = {};
      const element = /^Collection\((.+)\)$/.exec(navigation.type)?.[1];
      type = element ?? navigation.type;
      single = element === undefined;
    }
    return { version, type, single, context };
  }

  /** Problems with a request the observer sends (path and query options). */
  function checkRequest(method: string, href: string): string[] {
    const url = new URL(href);
    const where = `${method} ${url.pathname}${url.search}`;
    if (method === "POST" && /^\/(v1\.0|beta)\/\$batch$/.test(url.pathname)) return [];
    if (method !== "GET") return [`${where}: the observer only reads`];
    const resolved = resolvePath(url);
    if (typeof resolved === "string") return [resolved];
    const types = checkers[resolved.version];
    const problems: string[] = [];
    for (const [name, value] of url.searchParams) {
      if (!QUERY_OPTIONS.has(name))
        problems.push(`${where}: ${name} is not a query option the observer may use`);
      const names = (list: string) => list.split(",").map((entry) => entry.trim());
      if (name === "$select") {
        for (const selected of names(value)) {
          if (
            types.property(resolved.type, selected) === undefined &&
            types.navigation(resolved.type, selected) === undefined
          ) {
            problems.push(`${where}: $select names ${selected}, which ${short(resolved.type)} does not have`);
          }
        }
      } else if (name === "$expand") {
        for (const expanded of names(value)) {
          if (types.navigation(resolved.type, expanded) === undefined)
            problems.push(
              `${where}: $expand names ${expanded}, not a navigation property of ${short(resolved.type)}`,
            );
        }
      } else if (name === "$filter") {
        // Lambda variables (`t` in `tags/any(t:t eq 'x')`) are not properties.
        const variables = new Set([...value.matchAll(/\/any\((\w+):/g)].map((match) => match[1]));
        for (const [, filtered] of value.matchAll(/(\w+)(?:\/any\(|\s+(?:eq|ne|gt|ge|lt|le|in)\s)/g)) {
          if (filtered === undefined || variables.has(filtered)) continue;
          if (types.property(resolved.type, filtered) === undefined)
            problems.push(`${where}: $filter names ${filtered}, which ${short(resolved.type)} does not have`);
        }
      } else if (name === "$top" && !/^[1-9]\d*$/.test(value)) {
        problems.push(`${where}: $top=${value} is not a positive integer`);
      }
      if (resolved.single && ["$filter", "$top", "$skiptoken"].includes(name)) {
        problems.push(
          `${where}: ${name} applies to collections, and this path is one ${short(resolved.type)}`,
        );
      }
    }
    return problems;
  }

  /** The `@odata.context` Graph sends for a successful GET of `href`. */
  function expectedContext(href: string): string {
    const url = new URL(href);
    const resolved = resolvePath(url);
    if (typeof resolved === "string") throw new Error(resolved);
    const select = url.searchParams.get("$select");
    const selection = select === null ? "" : `(${select})`;
    return `${url.origin}/${resolved.version}/$metadata#${resolved.context}${selection}${resolved.single ? "/$entity" : ""}`;
  }

  /** Problems with an answer to a GET. */
  function checkResponse(exchange: GraphExchange): string[] {
    const url = new URL(exchange.url);
    const where = `${exchange.method} ${url.pathname}${url.search} → ${exchange.status}`;
    if (exchange.status >= 400) return checkError(exchange.body, where);
    if (exchange.status !== 200) return [`${where}: Graph answers a read with 200 or an error`];
    const resolved = resolvePath(url);
    if (typeof resolved === "string") return [resolved];
    const body = exchange.body as Record<string, unknown> | undefined;
    if (body === undefined || body === null || typeof body !== "object") return [`${where}: no JSON object`];
    const problems: string[] = [];
    const context = body["@odata.context"];
    const expected = expectedContext(exchange.url);
    if (context !== expected)
      problems.push(
        `${where}: @odata.context ${JSON.stringify(context)}, Graph sends ${JSON.stringify(expected)}`,
      );
    const select = url.searchParams.get("$select");
    const selected = select === null ? undefined : select.split(",").map((name) => name.trim());
    const types = checkers[resolved.version];
    // Directory objects come with a default property set; other entities come whole.
    const complete = !types.lineage(resolved.type).includes("microsoft.graph.directoryObject");
    const check = { selected, complete };
    if (resolved.single) {
      const { "@odata.context": _, ...object } = body;
      return [...problems, ...types.checkObject(resolved.type, object, where, check)];
    }
    for (const key of Object.keys(body)) {
      if (!["@odata.context", "@odata.nextLink", "@odata.count", "value"].includes(key))
        problems.push(`${where}: ${key} is not part of a Graph collection answer`);
    }
    const next = body["@odata.nextLink"];
    if (next !== undefined && (typeof next !== "string" || new URL(next).pathname !== url.pathname)) {
      problems.push(`${where}: @odata.nextLink ${JSON.stringify(next)} does not continue ${url.pathname}`);
    }
    if (!Array.isArray(body.value)) return [...problems, `${where}: value is not an array`];
    return [
      ...problems,
      ...body.value.flatMap((item, index) =>
        types.checkObject(resolved.type, item, `${where} value[${index}]`, check),
      ),
    ];
  }

  /** Problems with a `$batch` request body: at most 20 requests, ids unique without regard to case. */
  function checkBatchRequest(bodyText: string): string[] {
    const requests =
      (JSON.parse(bodyText) as { requests?: { id?: unknown; url?: unknown }[] }).requests ?? [];
    const problems: string[] = [];
    if (requests.length === 0 || requests.length > MAX_BATCH_REQUESTS)
      problems.push(`$batch: ${requests.length} requests (Graph takes 1 to ${MAX_BATCH_REQUESTS})`);
    const seen = new Set<string>();
    for (const request of requests) {
      const id = String(request.id ?? "");
      if (seen.has(id.toLowerCase()))
        problems.push(`$batch: request id ${id} is not unique (Graph compares ids without case)`);
      seen.add(id.toLowerCase());
    }
    return problems;
  }

  /** Every problem with recorded exchanges: requests, answers and `$batch` bodies. */
  function checkAll(exchanges: readonly GraphExchange[]): string[] {
    return exchanges.flatMap((exchange) => {
      const isBatch = exchange.method === "POST" && exchange.url.endsWith("/$batch");
      if (isBatch) return exchange.status === 200 ? checkBatchRequest(exchange.requestBody ?? "{}") : [];
      return [...checkRequest(exchange.method, exchange.url), ...checkResponse(exchange)];
    });
  }

  return {
    metadata,
    checkers,
    resolvePath,
    checkRequest,
    expectedContext,
    checkResponse,
    checkBatchRequest,
    checkAll,
  };
}

export type GraphContract = ReturnType<typeof createGraphContract>;

/** Graph's error body: `{ error: { code, message, innerError? } }`. */
function checkError(body: unknown, where: string): string[] {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return typeof error?.code === "string" && typeof error.message === "string"
    ? []
    : [`${where}: not a Graph error body ({ error: { code, message } })`];
}
