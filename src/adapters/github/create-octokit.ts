import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { fetchWithTimeout } from "./fetch-with-timeout.js";
import { DEFAULT_GITHUB_TIMEOUT_MS, type GitHubClientOptions, type GitHubConnection } from "./github-port.js";

const GitHubOctokit = Octokit.plugin(throttling, retry);
export type GitHubOctokit = InstanceType<typeof GitHubOctokit>;

/** The requests a rate-limited call may be repeated, at most, before the run gives up. */
const RATE_LIMIT_RETRIES = 2;

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/**
 * An Octokit with the throttling and retry plugins, pagination, a deadline on every request
 * (fetch-with-timeout.ts) and a silent request log (the CLI reports what it did itself; Octokit's
 * log would print every request on stderr).
 */
export function createOctokit(
  connection: GitHubConnection,
  options: GitHubClientOptions = {},
): GitHubOctokit {
  const maxWait = options.maxRateLimitWaitSeconds ?? 60;
  const shouldWait = (retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number) =>
    retryCount < RATE_LIMIT_RETRIES && retryAfter <= maxWait;
  return new GitHubOctokit({
    auth: connection.token,
    baseUrl: connection.apiUrl.replace(/\/+$/, ""),
    userAgent: "cspops",
    log: silent,
    request: { fetch: fetchWithTimeout(options.requestTimeoutMs ?? DEFAULT_GITHUB_TIMEOUT_MS) },
    throttle: {
      enabled: options.throttle ?? true,
      onRateLimit: shouldWait,
      onSecondaryRateLimit: shouldWait,
    },
    retry: {
      retries: options.retries ?? 3,
      retryAfterBaseValue: options.retryBaseMs ?? 1_000,
    },
  });
}
