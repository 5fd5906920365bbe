import { readFile } from "node:fs/promises";
import path from "node:path";
import { buildBssForm } from "../../core/bss-form/bss-form-fields.js";
import { parseStackOutputJson, selectInstanceValues } from "../../core/bss-form/bss-form-parse.js";
import { ExitCode, InputError, UsageError } from "../../core/diagnostics/errors.js";
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
      : { text: await readStackOutputFile(path.resolve(context.cwd, options.file)), source: options.file };

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
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of stdin) {
    text += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

async function readStackOutputFile(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${file}${code === undefined ? "" : ` (${code})`}`, {
      hint: "write it with: pulumi stack output --json --show-secrets > FILE",
    });
  }
}
