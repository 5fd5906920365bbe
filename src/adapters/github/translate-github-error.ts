import { CspopsError, ServiceError } from "../../core/diagnostics/errors.js";
import { redactCredentials } from "../redact-credentials.js";
import { GitHubTimeoutError } from "./fetch-with-timeout.js";

const SERVICE = "GitHub";
// biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template.
const TOKEN_EXPRESSION = "${{ secrets.GITHUB_TOKEN }}";

/** What the failing call was for, so that the message can say what to fix. */
export interface GitHubCallContext {
  /** Verb phrase: "update the pull request comment". */
  readonly action: string;
  /** The `permissions:` entry of the workflow job that this call needs. */
  readonly permission: "pull-requests: write" | "issues: write" | "pull-requests: read";
  /** What a 404 means here: "pull request #12". */
  readonly target: string;
  /** `owner/repo`. */
  readonly repository: string;
  readonly apiUrl: string;
  /** Values that must never appear in a message (the token). */
  readonly secrets: readonly string[];
}

/** The parts of `@octokit/request-error`'s `RequestError` we read (kept structural on purpose). */
interface RequestErrorLike {
  readonly status: number;
  readonly message: string;
  readonly response?: { readonly headers: Record<string, string | undefined>; readonly data?: unknown };
}

/** No token at all: the one GitHub failure found before any request. */
export function missingTokenError(): ServiceError {
  return new ServiceError(SERVICE, "no GitHub token: GITHUB_TOKEN is not set", {
    code: "missing-token",
    hint:
      `in a workflow add \`env: GITHUB_TOKEN: ${TOKEN_EXPRESSION}\` to the step; locally export a ` +
      "token that may write pull request comments and issues of the repository",
  });
}

/**
 * Turns whatever Octokit threw into a `ServiceError` that names the fix. Called once, at the
 * adapter's edge; our own errors pass through unchanged.
 */
export function translateGitHubError(error: unknown, context: GitHubCallContext): CspopsError {
  if (error instanceof CspopsError) return error;
  const clean = (text: string) => redactCredentials(text, context.secrets);
  if (error instanceof GitHubTimeoutError) {
    return new ServiceError(
      SERVICE,
      clean(
        `GitHub at ${context.apiUrl} did not answer within ${error.allowed} when cspops tried to ${context.action}`,
      ),
      {
        code: "timeout",
        hint:
          "GitHub may be slow or unreachable (https://www.githubstatus.com): rerun the job; " +
          "CSPOPS_GITHUB_TIMEOUT_SECONDS sets how long one request may take",
        cause: error,
      },
    );
  }
  if (!isRequestError(error) || error.response === undefined) {
    const reason = error instanceof Error ? error.message : String(error);
    return new ServiceError(
      SERVICE,
      clean(`could not reach GitHub at ${context.apiUrl} to ${context.action}: ${reason}`),
      {
        code: "unreachable",
        hint: "check GITHUB_API_URL and the network, then rerun the job",
        cause: error,
      },
    );
  }
  const { status } = error;
  const headers = error.response.headers;
  const details = { status, requestId: headers["x-github-request-id"], cause: error };
  const said = clean(gitHubMessage(error));
  if (isRateLimited(status, headers, said)) {
    return new ServiceError(SERVICE, `GitHub's rate limit stopped cspops from trying to ${context.action}`, {
      ...details,
      code: "rate-limited",
      hint: rateLimitHint(headers),
    });
  }
  if (status === 401) {
    return new ServiceError(SERVICE, `GitHub did not accept the token (${said})`, {
      ...details,
      code: "bad-credentials",
      hint: `the token is wrong or expired: in a workflow pass \`GITHUB_TOKEN: ${TOKEN_EXPRESSION}\``,
    });
  }
  if (status === 403) {
    const wanted = headers["x-accepted-github-permissions"];
    return new ServiceError(
      SERVICE,
      `the token may not ${context.action} in ${context.repository} (${said})`,
      {
        ...details,
        code: "forbidden",
        hint:
          `give the workflow job \`permissions: ${context.permission}\`` +
          (wanted === undefined ? "" : ` (GitHub asks for ${clean(wanted)})`) +
          "; pull requests from forks only get a read-only token, so comment from a job that runs with the base repository's token",
      },
    );
  }
  if (status === 404) {
    return new ServiceError(
      SERVICE,
      `${context.target} not found in ${context.repository}, or the token cannot see it`,
      {
        ...details,
        code: "not-found",
        hint: "check GITHUB_REPOSITORY (owner/repo), the pull request number (--pr or GITHUB_EVENT_PATH) and GITHUB_API_URL",
      },
    );
  }
  if (status >= 500) {
    return new ServiceError(SERVICE, `GitHub failed while cspops tried to ${context.action} (${said})`, {
      ...details,
      code: "server-error",
      hint: "GitHub may be having trouble (https://www.githubstatus.com); rerun the job",
    });
  }
  return new ServiceError(SERVICE, `GitHub refused to ${context.action}: ${said}`, {
    ...details,
    code: "refused",
  });
}

function isRequestError(error: unknown): error is RequestErrorLike {
  return error instanceof Error && typeof (error as { status?: unknown }).status === "number";
}

/** GitHub's own `message`, with the field errors of a 422 appended. */
function gitHubMessage(error: RequestErrorLike): string {
  const data = error.response?.data;
  if (typeof data !== "object" || data === null) return `${error.status}`;
  const { message, errors } = data as { message?: unknown; errors?: unknown };
  const fieldErrors = Array.isArray(errors)
    ? errors.flatMap((entry) => {
        const item = entry as { message?: unknown; field?: unknown; code?: unknown };
        if (typeof item.message === "string") return [item.message];
        return typeof item.field === "string" ? [`${item.field} ${String(item.code)}`] : [];
      })
    : [];
  return [typeof message === "string" ? message : `${error.status}`, ...fieldErrors].join(": ");
}

function isRateLimited(
  status: number,
  headers: Record<string, string | undefined>,
  message: string,
): boolean {
  if (status === 429) return true;
  if (status !== 403) return false;
  return (
    headers["x-ratelimit-remaining"] === "0" ||
    headers["retry-after"] !== undefined ||
    /rate limit/i.test(message)
  );
}

function rateLimitHint(headers: Record<string, string | undefined>): string {
  const retryAfter = Number(headers["retry-after"]);
  if (Number.isFinite(retryAfter) && retryAfter > 0) {
    return `GitHub asks to wait ${retryAfter} s; rerun the job then, and keep one run per pull request (\`concurrency:\`)`;
  }
  const reset = Number(headers["x-ratelimit-reset"]);
  const when =
    Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000).toISOString() : "the top of the hour";
  return `the token's request quota is used up until ${when}; rerun the job after that`;
}
