// What a real CommonMark + GFM renderer makes of a Markdown body: markdown-it with raw HTML on
// (GitHub passes a safe subset through), linkify on (GFM's extended autolinks: URLs, www., e-mail
// addresses; markdown-it also links bare domains), GFM tables and strike-through built in.
import MarkdownIt from "markdown-it";

type Token = ReturnType<InstanceType<typeof MarkdownIt>["parse"]>[number];

const renderer = new MarkdownIt({ html: true, linkify: true });

/** GitHub's mention and reference filters read text nodes: `@user` after a non-word character, `#1`. */
const MENTION = /(?:^|[^\p{L}\p{N}_`])@[A-Za-z0-9]/u;
const ISSUE_REFERENCE = /(?:^|[^\p{L}\p{N}_&/])#\d/u;

export interface MarkdownAudit {
  /** `h3 text`, in order. */
  readonly headings: readonly string[];
  /** Every link's destination (explicit, autolink or linkified). */
  readonly links: readonly string[];
  readonly images: readonly string[];
  /** Raw HTML as written (blocks and inline). */
  readonly html: readonly string[];
  /** Text nodes that GitHub would turn into a mention or an issue reference. */
  readonly mentions: readonly string[];
  /** Text of every `**strong**` span. */
  readonly strong: readonly string[];
  /** Cells per table row, every table. */
  readonly tableRows: readonly number[];
}

export function auditMarkdown(markdown: string): MarkdownAudit {
  const tokens = renderer.parse(markdown, {});
  const headings: string[] = [];
  const links: string[] = [];
  const images: string[] = [];
  const html: string[] = [];
  const mentions: string[] = [];
  const strong: string[] = [];
  const tableRows: number[] = [];
  let cells = 0;
  tokens.forEach((token, index) => {
    if (token.type === "heading_open") headings.push(`${token.tag} ${tokens[index + 1]?.content ?? ""}`);
    if (token.type === "html_block") html.push(token.content.trim());
    if (token.type === "tr_open") cells = 0;
    if (token.type === "td_open" || token.type === "th_open") cells++;
    if (token.type === "tr_close") tableRows.push(cells);
    if (token.type === "inline") auditInline(token.children ?? []);
  });
  return { headings, links, images, html, mentions, strong, tableRows };

  function auditInline(children: readonly Token[]): void {
    children.forEach((child, index) => {
      if (child.type === "link_open") links.push(String(child.attrGet("href") ?? ""));
      if (child.type === "image") images.push(String(child.attrGet("src") ?? ""));
      if (child.type === "html_inline") html.push(child.content);
      if (child.type === "text" && (MENTION.test(child.content) || ISSUE_REFERENCE.test(child.content)))
        mentions.push(child.content);
      if (child.type === "strong_open") {
        const close = children.findIndex((later, at) => at > index && later.type === "strong_close");
        strong.push(
          children
            .slice(index + 1, close)
            .map((part) => part.content)
            .join(""),
        );
      }
    });
  }
}

/** The text a reader sees once the body is rendered: HTML tags dropped, entities decoded. */
export function visibleText(markdown: string): string {
  return renderer
    .render(markdown)
    .replace(/<[^>]*>/g, "")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&amp;", "&");
}

/** A URL as markdown-it writes it into `href`, to compare the intended links with the found ones. */
export function asHref(url: string): string {
  return renderer.normalizeLink(url);
}
