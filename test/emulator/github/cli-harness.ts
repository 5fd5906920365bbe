import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type GitHubEmulator,
  type GitHubEmulatorOptions,
  startGitHubEmulator,
} from "../../../src/emulator/github/github-emulator.js";
import { type CliRun, runCli } from "../../support/run-cli.js";

export { EXAMPLES_SNAPSHOT } from "../../support/fixtures.js";
export { ROOT } from "../../support/run-cli.js";
export const REPOSITORY = "octo-org/partner-config";

/**
 * A GitHub emulator with one pull request, and a way to run the built CLI as a workflow step
 * would: `GITHUB_*` variables pointing at the emulator, the PR number in an event file.
 */
export interface CliHarness {
  readonly emulator: GitHubEmulator;
  readonly pull: number;
  readonly scratch: string;
  run(args: readonly string[], env?: Readonly<Record<string, string | undefined>>): Promise<CliRun>;
  close(): Promise<void>;
}

export async function startCliHarness(
  options: { files?: readonly string[]; emulator?: GitHubEmulatorOptions; token?: string } = {},
): Promise<CliHarness> {
  const emulator = await startGitHubEmulator({ repositories: [REPOSITORY], ...options.emulator });
  const pull = emulator.state.addPullRequest(REPOSITORY, { files: options.files ?? [] });
  const scratch = mkdtempSync(join(tmpdir(), "cspops-github-"));
  const eventPath = join(scratch, "event.json");
  writeFileSync(
    eventPath,
    JSON.stringify({ action: "synchronize", number: pull, pull_request: { number: pull } }),
  );
  const baseEnv = {
    GITHUB_TOKEN: options.token ?? "emulator-token",
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_API_URL: emulator.url,
    GITHUB_EVENT_PATH: eventPath,
  };
  return {
    emulator,
    pull,
    scratch,
    run: (args, env = {}) => runCli(args, { env: { ...baseEnv, ...env } }),
    close: async () => {
      await emulator.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
