import { type CliRun, runCli as runBuiltCli } from "../../support/run-cli.js";

export { ROOT } from "../../support/run-cli.js";

/**
 * Runs the built CLI in a clean environment: only PATH and HOME from this process, plus `env`
 * (e.g. the emulator's variables), so no Azure login of the machine leaks in.
 */
export function runCli(args: readonly string[], env: Readonly<Record<string, string>>): Promise<CliRun> {
  return runBuiltCli(args, { env, cleanEnv: true, timeoutMs: 30_000 });
}
