import { createGitHubPort } from "../../src/adapters/github/create-github-port.js";
import type {
  GitHubClientOptions,
  GitHubConnection,
  GitHubPort,
} from "../../src/adapters/github/github-port.js";
import type { GitHubEmulator } from "../../src/emulator/github/github-emulator.js";

/** Throttling off and 5 ms back-offs, so that retries cost a test milliseconds. */
export const FAST_GITHUB: GitHubClientOptions = { throttle: false, retryBaseMs: 5 };

/**
 * The real GitHub port (Octokit) talking to `emulator`: `octo-org/partner-config` with the
 * emulator's default token, unless `connection` says otherwise.
 */
export function emulatedGitHubPort(
  emulator: GitHubEmulator,
  connection: Partial<GitHubConnection> = {},
  options: GitHubClientOptions = FAST_GITHUB,
): GitHubPort {
  return createGitHubPort(
    {
      token: "emulator-token",
      owner: "octo-org",
      repo: "partner-config",
      apiUrl: emulator.url,
      ...connection,
    },
    options,
  );
}
