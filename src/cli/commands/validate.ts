import { ExitCode } from "../../core/diagnostics/errors.js";
import { renderDiagnosticsSummary, renderDiagnosticsText } from "../../render/diagnostics-text.js";
import { type CliContext, useColour } from "../context.js";
import { noInstanceFiles, readAndValidate } from "../load-instances.js";
import { resolveNow } from "../resolve-now.js";

export interface ValidateOptions {
  readonly dir: string;
  readonly format: "text" | "json" | "github";
  /** An empty folder is valid; without it, a gate pointed at the wrong folder fails. */
  readonly allowEmpty?: boolean | undefined;
}

/**
 * `cspops validate`: exit 0 when valid (warnings allowed), 1 when any file has an error or when
 * the folder holds no instance file and `--allow-empty` was not given.
 */
export async function runValidate(options: ValidateOptions, context: CliContext): Promise<number> {
  const today = resolveNow(undefined, context).toISOString().slice(0, 10);
  const result = await readAndValidate(options.dir, context, { today, instancesWanted: false });
  if (result.fileCount === 0 && options.allowEmpty !== true)
    throw noInstanceFiles(options.dir, result.diagnostics);
  const summary = renderDiagnosticsSummary(result.diagnostics, result.fileCount);

  switch (options.format) {
    // The json and github renderers are loaded for their format only, to keep start-up short.
    case "json": {
      const { renderDiagnosticsJson } = await import("../../render/diagnostics-json.js");
      context.stdout.write(renderDiagnosticsJson(result));
      break;
    }
    case "github": {
      const [{ renderDiagnosticsGithub, renderDiagnosticsStepSummary }, { appendStepSummary }] =
        await Promise.all([import("../../render/diagnostics-github.js"), import("../github-env.js")]);
      context.stdout.write(`${renderDiagnosticsGithub(result.diagnostics)}${summary}`);
      await appendStepSummary(
        context.env,
        renderDiagnosticsStepSummary(result.diagnostics, result.fileCount),
      );
      break;
    }
    case "text": {
      const colour = useColour(context.stdout, context.env);
      context.stdout.write(`${renderDiagnosticsText(result.diagnostics, { colour })}${summary}`);
      break;
    }
  }
  return result.ok ? ExitCode.ok : ExitCode.invalidInput;
}
