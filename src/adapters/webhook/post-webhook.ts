import { ServiceError } from "../../core/diagnostics/errors.js";

export interface PostWebhookOptions {
  /** Per attempt. Default 10 s. */
  readonly timeoutMs?: number;
  /** Attempts in all, the first included. Default 3. */
  readonly attempts?: number;
  /** Wait before retry n is n × this, unless the server's `Retry-After` asks for longer (up to 30 s). Default 1 s. */
  readonly backoffMs?: number;
}

const MAX_RETRY_AFTER_MS = 30_000;

/**
 * POSTs `payload` as JSON to an incoming webhook. Retries on a dropped connection, a timeout, 429
 * and 5xx; gives up on other 4xx at once. The URL is a credential (whoever has it can post to the
 * channel): it never appears in an error, only "the notification webhook".
 */
export async function postWebhook(
  url: URL,
  payload: unknown,
  options: PostWebhookOptions = {},
): Promise<void> {
  const attempts = options.attempts ?? 3;
  const body = JSON.stringify(payload);
  let lastProblem = "";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let retryAfterMs: number | undefined;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        redirect: "error",
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return;
      lastProblem = `answered HTTP ${response.status}`;
      if (response.status !== 429 && response.status < 500) break;
      retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
    } catch (error) {
      lastProblem =
        error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")
          ? `did not answer within ${options.timeoutMs ?? 10_000} ms`
          : "could not be reached";
    }
    if (attempt < attempts) await sleep(Math.max(retryAfterMs ?? 0, attempt * (options.backoffMs ?? 1_000)));
  }
  throw new ServiceError("webhook", `the notification webhook ${lastProblem}`, {
    code: "webhook-failed",
    hint: "check the webhook URL in --notify-webhook or CSPOPS_NOTIFY_WEBHOOK (the dashboard issue itself was updated)",
  });
}

function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS) : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
