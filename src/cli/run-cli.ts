import { CommanderError } from "commander";
import { asCspopsError, ExitCode } from "../core/diagnostics/errors.js";
import { renderError } from "../render/render-error.js";
import type { CliContext } from "./context.js";
import { buildProgram } from "./program.js";

/**
 * The CLI's one error boundary: parses `argv`, runs the command, and maps every failure to a message
 * on stderr and an exit code (docs/cli.md). Only internal errors show a stack trace.
 */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = buildProgram(context, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    return reportError(error, context, program.opts<{ verbose?: boolean }>().verbose === true);
  }
}

function reportError(error: unknown, context: CliContext, verbose: boolean): number {
  if (error instanceof CommanderError) {
    // Commander has already printed the help, the version or the usage error.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  const known = asCspopsError(error);
  context.stderr.write(renderError(known));
  if (known.detail !== undefined) {
    context.stderr.write(verbose ? `  detail: ${known.detail}\n` : "  (--verbose shows the details)\n");
  }
  return known.exitCode;
}
