/** Where a command writes and what it may read of the process; tests pass their own. */
export interface CliContext {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory that relative paths (`--dir`, `--observed`) resolve against. */
  readonly cwd: string;
}

export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean | undefined;
}

export function processContext(): CliContext {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** A variable of `env`, trimmed; unset and blank are both `undefined` (an empty `VAR=` sets nothing). */
export function envText(env: CliContext["env"], name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

/** Colour only on a TTY and only when `NO_COLOR` is unset (no-color.org). */
export function useColour(stream: OutputStream, env: CliContext["env"]): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === "");
}
