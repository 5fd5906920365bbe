import { readFileSync } from "node:fs";
import { join } from "node:path";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import type { Worsening } from "../../src/core/notify/detect-changes.js";
import {
  DRIFT_NOTIFICATION_MARKER,
  renderWorseningComment,
} from "../../src/render/dashboard-notification.js";

const readme = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8");
const MARK = "<!-- readme:worsening-notification -->\n";

/** The README's quoted comment, unquoted: what a person reads on the dashboard issue. */
function readmeNotification(): string {
  const start = readme.indexOf(MARK);
  expect(start).toBeGreaterThan(0);
  const quoted = readme.slice(start + MARK.length).split("\n\n")[0] ?? "";
  const lines: string[] = [];
  for (const line of readme.slice(start + MARK.length).split("\n")) {
    if (!line.startsWith(">")) break;
    lines.push(line.replace(/^> ?/, ""));
  }
  expect(quoted.startsWith(">")).toBe(true);
  return lines.join("\n");
}

const WORSENED: readonly Worsening[] = [
  {
    name: "contoso-primary",
    from: "consent-expiring",
    to: "consent-expired",
    newErrors: ["consent.revoked"],
    enteredWarnWindow: false,
    owners: ["@contoso/platform-team", "@adele-vance"],
  },
  {
    name: "fabrikam-china",
    from: "ready",
    to: "consent-expiring",
    newErrors: [],
    enteredWarnWindow: true,
    owners: [],
  },
];

describe("README's drift dashboard notification", () => {
  it("is the comment cspops posts for that worsening, word for word", () => {
    const posted = renderWorseningComment(WORSENED, "updated");

    expect(`${DRIFT_NOTIFICATION_MARKER}\n${readmeNotification()}`).toBe(posted);
  });

  it("renders on GitHub with the owners as mentions and no link cspops did not mean", () => {
    const html = new MarkdownIt({ linkify: true }).render(renderWorseningComment(WORSENED, "updated"));

    expect(html).toContain("<strong>contoso-primary</strong>");
    expect(html).toContain("<code>consent.revoked</code>");
    expect(html).toContain("@contoso/platform-team @adele-vance");
    expect(html).not.toContain("<a ");
  });
});
