import type { BssForm } from "../../core/bss-form/bss-form-fields.js";

/** Where the form lives in the BSS (the seed's "Enter your Web App Keys"). */
const FORM_LOCATION = "BSS Setup > Administration > System Options > Applications Setup > MS Cloud Services";

/** The form as aligned `label  value  (note)` lines, then the notes, for a person to copy from. */
export function renderBssFormText(form: BssForm): string {
  const width = Math.max(...form.fields.map((field) => field.label.length));
  const fields = form.fields.map((field) => {
    const parts = [field.label.padEnd(width), field.value, field.note === undefined ? "" : `(${field.note})`];
    return `  ${parts.filter((part) => part !== "").join("  ")}`;
  });
  return `${[`BSS form for ${form.instance}`, FORM_LOCATION, "", ...fields, "", ...form.notes].join("\n")}\n`;
}
