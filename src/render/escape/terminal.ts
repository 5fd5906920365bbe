import { redactCredentialShapes } from "../../core/secrets/redact-credential-shapes.js";
import { showControls } from "./visible-controls.js";

/**
 * The runner's legacy command form `##[name]data`, which it reads anywhere in a line
 * (actions/runner `ActionCommand.TryParse`). Broken with a visible backslash: the runner compares
 * with the current culture, which skips zero-width characters, so an invisible one would not do.
 */
const LEGACY_COMMAND = /##\[/g;

/**
 * A value from outside (a file name, a YAML key, a display name, a redirect URI, an error text from
 * Graph or GitHub) for a line of text output, terminal or CI log: credentials redacted, controls
 * shown visibly (no ESC, no NUL, no line break gets through), `##[` broken. `redact: false` only
 * for a secret the user asked to see (`bss-form --show-key`).
 */
export function terminalText(value: string, options: { readonly redact?: boolean } = {}): string {
  const clean = options.redact === false ? value : redactCredentialShapes(value);
  return breakLegacyCommands(showControls(clean));
}

/** `##[` → `#\#[`: no legacy workflow command (`##[error]…`) survives, whatever the output. */
export function breakLegacyCommands(text: string): string {
  return text.replace(LEGACY_COMMAND, "#\\#[");
}

/**
 * Text output a GitHub runner reads line by line: a line that, after leading white space, starts
 * with `::` would be a workflow command (actions/runner `TryParseV2`), so it gets a visible `\`
 * in front. Apply to whole outputs of the `text` formats and to stderr; never to `--format github`
 * stdout, whose commands are cspops's own.
 */
export function neutraliseCommandLines(output: string): string {
  return output.replace(/^([ \t\f\v]*)::/gm, "$1\\::");
}

/**
 * A block of several lines that may quote outside text (a usage error echoing an argument): each
 * line through `terminalText`, then `neutraliseCommandLines`. Line breaks stay line breaks.
 */
export function terminalLines(text: string): string {
  return neutraliseCommandLines(
    text
      .split("\n")
      .map((line) => terminalText(line))
      .join("\n"),
  );
}
