import { redactCredentialShapes } from "../../core/secrets/redact-credential-shapes.js";
import { breakLegacyCommands } from "./terminal.js";
import { showControls } from "./visible-controls.js";

export type WorkflowCommandName = "error" | "warning" | "notice";

/**
 * One GitHub Actions workflow command line, `::name key=value,…::data`, every property and the
 * data escaped as the runner unescapes them (actions/toolkit `command.ts`), credentials redacted.
 */
export function workflowCommand(
  name: WorkflowCommandName,
  properties: Readonly<Record<string, string | number>>,
  data: string,
): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${typeof value === "number" ? value : escapeProperty(value)}`)
    .join(",");
  return `::${name}${props === "" ? "" : ` ${props}`}::${escapeData(data)}\n`;
}

/**
 * Workflow command data: `%`, CR and LF are escaped (actions/toolkit `escapeData`); the other
 * controls (ESC, NUL) are shown visibly, since the log viewer would otherwise act on them.
 */
export function escapeData(text: string): string {
  return breakLegacyCommands(visibleExceptLineBreaks(redactCredentialShapes(text)))
    .replaceAll("%", "%25")
    .replaceAll("\r", "%0D")
    .replaceAll("\n", "%0A");
}

/** Workflow command properties also escape `:` and `,` (actions/toolkit `escapeProperty`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

function visibleExceptLineBreaks(text: string): string {
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part, index) => (index % 2 === 1 ? part : showControls(part)))
    .join("");
}
