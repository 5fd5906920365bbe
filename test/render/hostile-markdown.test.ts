import { describe, expect, it } from "vitest";
import { validateInstanceSources } from "../../src/core/instance/validate-instances.js";
import type { ReconcileReport } from "../../src/core/reconcile/report.js";
import { renderDiagnosticsStepSummary } from "../../src/render/diagnostics-github.js";
import { STATUS_ICONS } from "../../src/render/report-facts.js";
import { renderReportGithub } from "../../src/render/report-github.js";
import { renderReportMarkdown } from "../../src/render/report-markdown.js";
import { FORGED_SECTION_URI, hostileReport, hostileSources, PHISHING_NAME } from "./hostile-corpus.js";
import { asHref, auditMarkdown, visibleText } from "./markdown-audit.js";

/** The only raw HTML the reconcile report means to write. */
const INTENDED_HTML = new Set([
  "<!-- cspops:reconcile -->",
  "<!-- cspops:drift -->",
  "<sub>",
  "</sub>",
  "<details><summary>✅ 1 ready instance</summary>",
  "</details>",
]);

const report = hostileReport();

/** Every Markdown body the reconcile report becomes: PR comment, drift dashboard, job summary. */
const CHANGED = "contoso-sandbox";
const bodies: ReadonlyArray<readonly [string, string]> = [
  ["the pull request comment", renderReportMarkdown(report, { firstInstances: [CHANGED] })],
  [
    "the drift dashboard issue",
    renderReportMarkdown(report, { marker: "<!-- cspops:drift -->", command: "cspops drift" }),
  ],
  ["the job summary", renderReportGithub(report).summary],
];

function intendedHeadings(shown: ReconcileReport): string[] {
  return shown.instances
    .filter((instance) => instance.status !== "ready")
    .map((instance) => `h4 ${STATUS_ICONS[instance.status]} ${instance.name} — ${instance.status}`);
}

function withoutChangeNote(heading: string): string {
  return heading.replace(` (changed in this pull request)`, "");
}

describe("the reconcile report's Markdown, rendered by a real CommonMark + GFM renderer, on hostile data", () => {
  it("is made from hostile data: phishing name, forged redirect URI, code-breaking file, noisy tenant error", () => {
    const statuses = Object.fromEntries(report.instances.map((instance) => [instance.name, instance.status]));

    expect(statuses).toEqual({
      "contoso-sandbox": "drifted",
      "contoso-primary": "unknown",
      "fabrikam-china": "ready",
    });
    expect(report.instances.find((instance) => instance.name === "contoso-sandbox")?.consentUrl).toMatch(
      /^https:\/\/login\.microsoftonline\.com\//,
    );
  });

  it.each(bodies)("%s: one heading per instance that needs action, none forged", (_label, markdown) => {
    const { headings } = auditMarkdown(markdown);

    expect(
      headings
        .filter((heading) => heading.startsWith("h4"))
        .map(withoutChangeNote)
        .sort(),
    ).toEqual(intendedHeadings(report).sort());
    expect(headings.filter((heading) => !heading.startsWith("h4"))).toHaveLength(1);
  });

  it.each(bodies)("%s: the only links are the planner's consent links", (_label, markdown) => {
    const { links, strong } = auditMarkdown(markdown);
    const consentUrls = report.instances.flatMap((instance) =>
      instance.consentUrl === null ? [] : [asHref(instance.consentUrl)],
    );

    expect(consentUrls).toHaveLength(1);
    expect(links).toEqual(consentUrls);
    expect(strong.filter((text) => text.includes("Consent link"))).toEqual(["Consent link"]);
  });

  it.each(bodies)("%s: no image, no mention or reference, only its own HTML", (_label, markdown) => {
    const { images, mentions, html } = auditMarkdown(markdown);

    expect(images).toEqual([]);
    expect(mentions).toEqual([]);
    expect(html.filter((fragment) => !INTENDED_HTML.has(fragment))).toEqual([]);
  });

  it.each(bodies)("%s: no raw control character, ESC or NUL", (_label, markdown) => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters.
    expect(markdown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it.each(bodies)("%s: shows the hostile values as text a reader can see", (_label, markdown) => {
    const text = visibleText(markdown);

    expect(text).toContain(PHISHING_NAME);
    expect(text).toContain(FORGED_SECTION_URI.replaceAll("\n", "␊"));
    expect(text).toContain("(@octocat) x,@octocat <img src=x onerror=alert(1)> </details>");
    expect(text).toContain("␛[2J ␛]8;;http://evil␇click␛]8;;␇ ␀");
  });
});

describe("the validate step summary, rendered by a real CommonMark + GFM renderer, on hostile files", () => {
  const result = validateInstanceSources(hostileSources());
  const markdown = renderDiagnosticsStepSummary(result.diagnostics, 2);
  const audit = auditMarkdown(markdown);

  it("reports the hostile keys", () => {
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toContain("schema.unknown-key");
  });

  it("has its one heading, one table row per diagnostic with five cells each", () => {
    expect(audit.headings).toEqual(["h3 cspops validate: ❌ invalid"]);
    expect(audit.tableRows).toEqual([5, ...result.diagnostics.map(() => 5)]);
  });

  it("has no link, image, mention, HTML or control character", () => {
    expect(audit.links).toEqual([]);
    expect(audit.images).toEqual([]);
    expect(audit.mentions).toEqual([]);
    expect(audit.html).toEqual([]);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters.
    expect(markdown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});
