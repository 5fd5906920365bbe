/**
 * Thrown when GitHub sends no complete answer in time. It is named `AbortError`, as `fetch` names
 * an aborted request, on purpose: Octokit passes such an error through unwrapped, and
 * plugin-retry does not repeat it, so a silent server costs one timeout, not four.
 */
export class GitHubTimeoutError extends Error {
  override readonly name = "AbortError";

  /** "15 s", for messages. */
  readonly allowed: string;

  constructor(readonly timeoutMs: number) {
    const allowed = formatSeconds(timeoutMs);
    super(`GitHub sent no answer within ${allowed}`);
    this.allowed = allowed;
  }
}

/** Statuses whose response may not have a body (`new Response` refuses one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * A `fetch` for Octokit's `request.fetch` that gives every attempt `timeoutMs` for the whole
 * exchange: connection, headers and body. The body is read here, inside the deadline, because
 * Octokit reads it later and turns a failed read into an empty body.
 */
export function fetchWithTimeout(timeoutMs: number, inner: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    try {
      const response = await inner(input, { ...init, signal });
      const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      if (controller.signal.aborted && init?.signal?.aborted !== true)
        throw new GitHubTimeoutError(timeoutMs);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}

function formatSeconds(milliseconds: number): string {
  const seconds = milliseconds / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
