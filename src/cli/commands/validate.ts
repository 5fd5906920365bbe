import type { CliContext } from "../context.js";

export interface ValidateOptions {
  readonly dir: string;
  readonly format: "text" | "json" | "github";
}

/** Placeholder until the loader lands. */
export async function runValidate(_options: ValidateOptions, context: CliContext): Promise<number> {
  context.stderr.write("validate: not implemented yet\n");
  return 1;
}
