import { escapeHtml } from "./http-io.js";

/** Markup that is already safe: made by `html`, so its own interpolations were escaped. */
export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

type HtmlValue = string | number | SafeHtml | readonly SafeHtml[] | undefined | null | false;

/**
 * A template literal tag for the emulator's pages: every interpolated value is escaped for HTML
 * text and double-quoted attributes (the values come from seeds and URLs), except markup that
 * `html` made itself. `undefined`, `null` and `false` write nothing, so optional parts read simply.
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let markup = strings[0] ?? "";
  values.forEach((value, index) => {
    markup += render(value) + (strings[index + 1] ?? "");
  });
  return new SafeHtml(markup);
}

function render(value: HtmlValue): string {
  if (value === undefined || value === null || value === false) return "";
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map((part: SafeHtml) => part.markup).join("");
  return escapeHtml(String(value));
}
