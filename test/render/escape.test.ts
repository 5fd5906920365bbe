import { describe, expect, it } from "vitest";
import type { ConsentUrl } from "../../src/core/consent/consent-url.js";
import {
  markdownCode,
  markdownLinkDestination,
  markdownMessage,
  markdownText,
} from "../../src/render/escape/markdown.js";
import { neutraliseCommandLines, terminalText } from "../../src/render/escape/terminal.js";
import { showControls } from "../../src/render/escape/visible-controls.js";
import { workflowCommand } from "../../src/render/escape/workflow-command.js";
import { auditMarkdown, visibleText } from "./markdown-audit.js";

describe("markdownCode", () => {
  it.each(["a`b", "``", "`lead", "trail`", " both ", "a```b````c"])(
    "keeps %j whole in one code span",
    (text) => {
      const html = visibleText(`x ${markdownCode(text)} y`);

      expect(html).toBe(`x ${text} y\n`);
    },
  );

  it("keeps a table row's cells whole, whatever pipes and backslashes the text holds", () => {
    const row = `| ${markdownCode("a|b\\|c\\", { table: true })} | ${markdownText("d|e\\", { table: true })} |`;
    const audit = auditMarkdown(`| one | two |\n| --- | --- |\n${row}\n`);

    expect(audit.tableRows).toEqual([2, 2]);
  });
});

describe("markdownText", () => {
  it("shows line breaks and controls instead of starting a block", () => {
    const audit = auditMarkdown(`x ${markdownText("a\n# b\n- c\n\u001b[2J")}`);

    expect(audit.headings).toEqual([]);
    expect(visibleText(`x ${markdownText("a\n# b")}`)).toBe("x a␊# b\n");
  });

  it("escapes a line-start list marker", () => {
    expect(visibleText(markdownText("- item"))).toBe("- item\n");
    expect(visibleText(markdownText("1. item"))).toBe("1. item\n");
    expect(markdownText("1. item")).toBe("1\\. item");
  });

  it("redacts a credential before anything else", () => {
    expect(markdownText("token eyJhbGciOiJub25lIn0.eyJhIjoiYiJ9.c2ln")).not.toContain("eyJ");
  });
});

describe("markdownMessage", () => {
  it("keeps cspops's own code spans", () => {
    expect(markdownMessage("run `pulumi up` to rename it")).toBe("run `pulumi up` to rename it");
  });
});

/** The renderer's own guard, tried with URLs `buildConsentUrl` would never make. */
const asConsentUrl = (url: string) => url as ConsentUrl;

describe("markdownLinkDestination", () => {
  it("takes only http(s) and encodes what would end the destination", () => {
    expect(markdownLinkDestination(asConsentUrl("javascript:alert(1)"))).toBeUndefined();
    expect(markdownLinkDestination(asConsentUrl("https://x.example/a(b) c"))).toBeUndefined();
    expect(markdownLinkDestination(asConsentUrl("https://x.example/a(b)<c>"))).toBe(
      "https://x.example/a%28b%29%3Cc%3E",
    );
  });
});

describe("terminal and workflow escapes", () => {
  it("shows C0, DEL, C1 and bidi controls visibly", () => {
    expect(showControls("\u0000\u0007\u001b\n\u007f\u0085\u202e")).toBe("␀␇␛␊␡\\u{85}\\u{202e}");
  });

  it("breaks legacy commands and neutralises command lines", () => {
    expect(terminalText("##[error]x")).toBe("#\\#[error]x");
    expect(neutraliseCommandLines("ok\n  ::error::x\n::add-mask::y\n")).toBe(
      "ok\n  \\::error::x\n\\::add-mask::y\n",
    );
  });

  it("writes one workflow command line whatever the properties and data hold", () => {
    const line = workflowCommand("error", { file: "a,b:c\n::x", line: 3 }, "50%\r\n::error::forged\u001b");

    expect(line).toBe("::error file=a%2Cb%3Ac%0A%3A%3Ax,line=3::50%25%0D%0A::error::forged␛\n");
  });
});
