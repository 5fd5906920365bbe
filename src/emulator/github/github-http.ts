/** What a route handler answers; the server adds GitHub's common headers and records it. */
export interface GitHubReply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

const DOCS = "https://docs.github.com/rest";

/** GitHub's error shape: `{ message, documentation_url, status }` (status is a string). */
export function errorReply(
  status: number,
  message: string,
  extra: { headers?: Record<string, string>; errors?: readonly unknown[]; documentationUrl?: string } = {},
): GitHubReply {
  return {
    status,
    headers: extra.headers ?? {},
    body: {
      message,
      documentation_url: extra.documentationUrl ?? DOCS,
      ...(extra.errors === undefined ? {} : { errors: extra.errors }),
      status: String(status),
    },
  };
}

export function notFound(): GitHubReply {
  return errorReply(404, "Not Found");
}

/** 422 with one field error, as GitHub answers a body that is too long or a duplicate label. */
export function validationFailed(
  resource: string,
  field: string,
  code: string,
  message?: string,
): GitHubReply {
  return errorReply(422, "Validation Failed", {
    errors: [{ resource, field, code, ...(message === undefined ? {} : { message }) }],
    documentationUrl: `${DOCS}/issues`,
  });
}

/**
 * One page of `items` for `?per_page=&page=` (GitHub's defaults 30 and 1, at most 100 per page),
 * with a `Link` header carrying `next`, `last`, `first` and `prev` as GitHub does.
 */
export function paginate<T>(items: readonly T[], requestUrl: URL, publicBase: string): GitHubReply {
  const perPage = clamp(Number(requestUrl.searchParams.get("per_page") ?? 30), 1, 100, 30);
  const page = clamp(Number(requestUrl.searchParams.get("page") ?? 1), 1, Number.MAX_SAFE_INTEGER, 1);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const link = (target: number, rel: string) => {
    const url = new URL(`${publicBase}${requestUrl.pathname}${requestUrl.search}`);
    url.searchParams.set("per_page", String(perPage));
    url.searchParams.set("page", String(target));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links = [
    ...(page < lastPage ? [link(page + 1, "next"), link(lastPage, "last")] : []),
    ...(page > 1 ? [link(1, "first"), link(page - 1, "prev")] : []),
  ];
  return {
    status: 200,
    body: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length > 0 ? { link: links.join(", ") } : {},
  };
}

function clamp(value: number, min: number, max: number, fallback: number): number {
  if (!Number.isInteger(value)) return fallback;
  return Math.min(Math.max(value, min), max);
}

/** A JSON request body, or `undefined` when there is none; `Error` when it does not parse. */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return new Error("Problems parsing JSON");
  }
}
