import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
export const CLI = fileURLToPath(new URL("../../../dist/cli/main.js", import.meta.url));

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built CLI (`npm test` builds first) in a clean environment: only PATH and HOME from this
 * process, plus `env` (e.g. the emulator's variables), so no Azure login of the machine leaks in.
 */
export function runCli(args: readonly string[], env: Readonly<Record<string, string>>): Promise<Run> {
  return new Promise((settle) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1", ...env },
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        settle({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
      },
    );
  });
}
