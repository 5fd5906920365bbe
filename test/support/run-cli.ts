import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository root: the CLI runs from here by default, as in a workflow. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The built CLI (`npx tsc -p tsconfig.build.json` first; `npm test` builds). */
export const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunCliOptions {
  /** Added to the environment; `undefined` removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Start from PATH and HOME alone instead of this process's environment, so no Azure login of the machine leaks in. */
  readonly cleanEnv?: boolean;
  /** Default: the repository root. */
  readonly cwd?: string;
  /** Options for `node` itself, before the script (`--import hook.mjs`). */
  readonly nodeArgs?: readonly string[];
  /** Written to the CLI's standard input, which is then closed. */
  readonly stdin?: string;
  readonly timeoutMs?: number;
}

/**
 * Runs `node dist/cli/main.js ARGS` as a subprocess, asynchronously so that an emulator in this
 * process keeps answering. Colour is off, and `CSPOPS_NOW` and `GITHUB_STEP_SUMMARY` are blank
 * unless `env` sets them, so the machine's environment cannot change a result.
 */
export function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliRun> {
  const base = options.cleanEnv
    ? { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" }
    : process.env;
  const env: Record<string, string> = {};
  const wanted = { ...base, NO_COLOR: "1", CSPOPS_NOW: "", GITHUB_STEP_SUMMARY: "", ...options.env };
  for (const [name, value] of Object.entries(wanted)) if (value !== undefined) env[name] = value;
  return new Promise((settle) => {
    const child = execFile(
      process.execPath,
      [...(options.nodeArgs ?? []), CLI, ...args],
      {
        cwd: options.cwd ?? ROOT,
        env,
        ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
      },
      (error, stdout, stderr) => {
        settle({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
      },
    );
    child.stdin?.end(options.stdin);
  });
}
