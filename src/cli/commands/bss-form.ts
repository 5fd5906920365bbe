import path from "node:path";
import { overLimitError, READ_LIMITS, readBoundedText } from "../../adapters/bounded-read.js";
import { buildBssForm } from "../../core/bss-form/bss-form-fields.js";
import { parseStackOutputJson, selectInstanceValues } from "../../core/bss-form/bss-form-parse.js";
import { ExitCode, UsageError } from "../../core/diagnostics/errors.js";
import type { CliContext } from "../context.js";
import { renderBssFormText } from "./bss-form-text.js";

export interface BssFormCommandOptions {
  readonly file?: string | undefined;
  readonly showKey: boolean;
}

/** Standard input as the command reads it; tests pass their own. */
export interface InputStream extends AsyncIterable<string | Uint8Array> {
  readonly isTTY?: boolean | undefined;
}

/**
 * `cspops bss-form NAME`: turns the stack outputs of `pulumi up` into the BSS form's fields. Reads
 * only JSON: it never loads Pulumi, so it runs anywhere the outputs can be piped to.
 */
export async function runBssForm(
  name: string,
  options: BssFormCommandOptions,
  context: CliContext,
  stdin: InputStream = process.stdin,
): Promise<number> {
  const { text, source } =
    options.file === undefined
      ? { text: await readStdin(stdin), source: "stdin" }
      : {
          text: readStackOutputFile(path.resolve(context.cwd, options.file), options.file),
          source: options.file,
        };

  const values = selectInstanceValues(parseStackOutputJson(text, source), name, source);
  context.stdout.write(renderBssFormText(buildBssForm(name, values, { showKey: options.showKey })));
  return ExitCode.ok;
}

async function readStdin(stdin: InputStream): Promise<string> {
  if (stdin.isTTY === true) {
    throw new UsageError("bss-form reads the stack outputs from stdin or --file", {
      hint: "pulumi stack output --json --show-secrets | npx cspops bss-form NAME",
    });
  }
  // Stops at the cap instead of after the whole stream (`yes | cspops bss-form x` ends).
  const decoder = new TextDecoder();
  let text = "";
  let bytes = 0;
  for await (const chunk of stdin) {
    bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (bytes > READ_LIMITS.stackOutputs)
      throw overLimitError("stdin", READ_LIMITS.stackOutputs, STACK_OUTPUT_HINT);
    text += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

const STACK_OUTPUT_HINT = "write it with: pulumi stack output --json --show-secrets > FILE";

function readStackOutputFile(file: string, shownAs: string): string {
  return readBoundedText(file, { maxBytes: READ_LIMITS.stackOutputs, shownAs, hint: STACK_OUTPUT_HINT });
}
