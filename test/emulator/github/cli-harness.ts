import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type GitHubEmulator,
  type GitHubEmulatorOptions,
  startGitHubEmulator,
} from "../../../src/emulator/github/github-emulator.js";

/** The repository root; the CLI runs from here, as in a workflow. */
export const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
export const CLI = join(ROOT, "dist/cli/main.js");
export const REPOSITORY = "octo-org/partner-config";
export const EXAMPLES_SNAPSHOT = "test/fixtures/snapshots/examples.json";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

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
    GITHUB_STEP_SUMMARY: "",
    CSPOPS_NOW: "",
    NO_COLOR: "1",
  };
  return {
    emulator,
    pull,
    scratch,
    run: (args, env = {}) => runCli(args, { ...baseEnv, ...env }),
    close: async () => {
      await emulator.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** Runs `node dist/cli/main.js` asynchronously, so that the in-process emulator keeps answering. */
export function runCli(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<CliRun> {
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...env }))
    if (value !== undefined) merged[key] = value;
  return new Promise((settle) => {
    execFile(process.execPath, [CLI, ...args], { cwd: ROOT, env: merged }, (error, stdout, stderr) => {
      settle({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
    });
  });
}
