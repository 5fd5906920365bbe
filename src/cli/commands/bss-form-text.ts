import type { BssForm } from "../../core/bss-form/bss-form-fields.js";
import { neutraliseCommandLines, terminalText } from "../../render/escape/terminal.js";

/** Where the form lives in the BSS (the seed's "Enter your Web App Keys"). */
const FORM_LOCATION = "BSS Setup > Administration > System Options > Applications Setup > MS Cloud Services";

/**
 * The form as aligned `label  value  (note)` lines, then the notes, for a person to copy from.
 * Values come from the stack outputs: shown through `terminalText`.
 */
export function renderBssFormText(form: BssForm): string {
  const width = Math.max(...form.fields.map((field) => field.label.length));
  const fields = form.fields.map((field) => {
    // The Key is printed on purpose (`--show-key`); any other value is redacted like all output.
    const value = terminalText(field.value, { redact: field.label !== "Key" });
    const note = field.note === undefined ? "" : `(${terminalText(field.note)})`;
    const parts = [field.label.padEnd(width), value, note];
    return `  ${parts.filter((part) => part !== "").join("  ")}`;
  });
  const lines = [
    `BSS form for ${terminalText(form.instance)}`,
    FORM_LOCATION,
    "",
    ...fields,
    "",
    ...form.notes.map((note) => terminalText(note)),
  ];
  return neutraliseCommandLines(`${lines.join("\n")}\n`);
}
