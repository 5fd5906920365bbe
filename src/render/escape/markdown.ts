import type { ConsentUrl } from "../../core/consent/consent-url.js";
import { redactCredentialShapes } from "../../core/secrets/redact-credential-shapes.js";
import { breakLegacyCommands } from "./terminal.js";
import { showControls } from "./visible-controls.js";

export interface MarkdownEscapeOptions {
  /** The text goes in a GFM table cell, where every `|` must be escaped, even in code. */
  readonly table?: boolean;
}

/**
 * Characters that start inline Markdown or HTML anywhere in a line: emphasis and strike-through,
 * code, links and images, raw HTML and entities, table cells, math, and a heading or quote `#`/`>`.
 * Backslash-escaping them is valid CommonMark for any ASCII punctuation.
 */
const INLINE_SYNTAX = /[\\`*_~[\]#|!$^]/g;
const ENTITIES: Readonly<Record<string, string>> = { "<": "&lt;", ">": "&gt;", "&": "&amp;" };
/** What starts a block when it begins a line: a list item (`-`, `+`, `1.`), a setext underline (`=`). */
const BLOCK_START = /^(?:[-+=]|\d+[.)])/;

/**
 * What GitHub or a GFM renderer would turn into a link or a mention without any syntax: URLs and
 * `www.` (GFM extended autolinks), e-mail addresses and `@user` mentions, anything shaped like a
 * domain (renderers with fuzzy linking), a scheme such as `mailto:`, `#123` references.
 */
const LINKABLE = /@|\/\/|www\.|[\p{L}\p{N}_-]\.[\p{L}\p{N}]|#\d|^[^\s:]*[a-z]:[^\s/]|:\/\//iu;
const LEADING_PUNCTUATION = /^[("'[{<*_~]+/;
const TRAILING_PUNCTUATION = /[)"'\]}>.,;:!?*_~]+$/;

/**
 * Outside text (a name, a file, an address, a message from Graph) as inline Markdown that shows
 * exactly that text and nothing more: credentials redacted; controls and line breaks shown
 * visibly, so it cannot start a heading or a list; Markdown and HTML syntax escaped; every word
 * that a renderer would link or mention (URLs, `www.`, e-mails, `@user`, domains, `#1`) put in a
 * code span, where nothing is linked. No link, image, mention, HTML or heading can come out of it.
 */
export function markdownText(text: string, options: MarkdownEscapeOptions = {}): string {
  return escapePlain(showControls(redactCredentialShapes(text)), options);
}

/**
 * Outside text as one code span that nothing can break out of: the fence is longer than any run
 * of backticks inside, line breaks and controls are shown visibly, `|` is escaped in a table.
 */
export function markdownCode(text: string, options: MarkdownEscapeOptions = {}): string {
  return codeSpan(showControls(redactCredentialShapes(text)), options);
}

/**
 * A message that mixes cspops's words with outside text and marks commands and fields with
 * backticks (`pulumi up`): each backtick pair becomes a code span made by `markdownCode`, the rest
 * is escaped as `markdownText`. Whoever placed the backticks, nothing breaks out: at worst outside
 * text shows as code.
 */
export function markdownMessage(text: string, options: MarkdownEscapeOptions = {}): string {
  const visible = showControls(redactCredentialShapes(text));
  let result = "";
  let last = 0;
  for (const match of visible.matchAll(/`([^`]+)`/g)) {
    result += escapePlain(visible.slice(last, match.index), options);
    result += codeSpan(match[1] ?? "", options);
    last = match.index + match[0].length;
  }
  return result + escapePlain(visible.slice(last), options);
}

/**
 * A URL cspops built itself (the planner's consent link) as a Markdown link destination: only
 * `http(s)`, and every character that could end the destination or the link percent-encoded.
 */
export function markdownLinkDestination(url: ConsentUrl): string | undefined {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return undefined;
  // encodeURIComponent leaves `(` and `)` alone, which would end the destination: spelled by hand.
  return url.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'*+,;=%]/g, (char) =>
    char === "(" ? "%28" : char === ")" ? "%29" : encodeURIComponent(char),
  );
}

/** `-` → `\-`; `1.` → `1\.` (a backslash before a digit is no escape in CommonMark). */
function escapeBlockStart(marker: string): string {
  return /^\d/.test(marker) ? `${marker.slice(0, -1)}\\${marker.slice(-1)}` : `\\${marker}`;
}

function escapePlain(text: string, options: MarkdownEscapeOptions): string {
  return text
    .split(/(\s+)/)
    .map((word, index) => {
      if (index % 2 === 1 || word === "") return word;
      const escaped = LINKABLE.test(word) ? codeWord(word, options) : escapeSyntax(word);
      return index === 0 ? escaped.replace(BLOCK_START, escapeBlockStart) : escaped;
    })
    .join("");
}

/** `(https://x.example/a).` → `(` + code `https://x.example/a` + `).`, punctuation kept as text. */
function codeWord(word: string, options: MarkdownEscapeOptions): string {
  const lead = LEADING_PUNCTUATION.exec(word)?.[0] ?? "";
  const rest = word.slice(lead.length);
  const trail = TRAILING_PUNCTUATION.exec(rest)?.[0] ?? "";
  const core = rest.slice(0, rest.length - trail.length);
  if (core === "") return escapeSyntax(word);
  return `${escapeSyntax(lead)}${codeSpan(core, options)}${escapeSyntax(trail)}`;
}

function escapeSyntax(text: string): string {
  return text.replace(INLINE_SYNTAX, "\\$&").replace(/[<>&]/g, (char) => ENTITIES[char] ?? char);
}

/** Markdown printed to a log (`--format markdown`) is read by the runner too: see `breakLegacyCommands`. */
function codeSpan(content: string, options: MarkdownEscapeOptions): string {
  // In a GFM table `\|` stands for `|` even in code; a backslash of the text before a `|` is kept
  // apart from the escape by a zero-width space, so `\|` of the text cannot become an escaped `\`.
  const unmarked = breakLegacyCommands(content);
  const body =
    options.table === true ? unmarked.replace(/\\(?=\|)/g, "\\\u200b").replaceAll("|", "\\|") : unmarked;
  if (body === "") return "` `";
  const longestRun = Math.max(0, ...Array.from(body.matchAll(/`+/g), (run) => run[0].length));
  const fence = "`".repeat(longestRun + 1);
  const pad = body.startsWith("`") || body.endsWith("`") || (body.startsWith(" ") && body.endsWith(" "));
  return pad ? `${fence} ${body} ${fence}` : `${fence}${body}${fence}`;
}
