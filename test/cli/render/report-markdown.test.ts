import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderReportMarkdown } from "../../../src/cli/render/report-markdown.js";
import type { ReconcileReport } from "../../../src/core/report.js";
import { largeReport, mixedReport } from "./report-support.js";

describe("renderReportMarkdown", () => {
  it("starts with the marker and shows instances that need action first, each with what to do, who acts and the link", () => {
    const report = mixedReport();

    const markdown = renderReportMarkdown(report);

    expect(markdown.startsWith("<!-- cspops:reconcile -->\n")).toBe(true);
    expect(markdown).toContain("### cspops: 3 of 4 partner instances need action");
    const headings = [...markdown.matchAll(/^#### \S+ (\S+) — (\S+)/gm)].map(
      (match) => `${match[1]} ${match[2]}`,
    );
    expect(headings).toEqual([
      "fabrikam-china blocked",
      "contoso-sandbox needs-consent",
      "tailspin-primary consent-expiring",
    ]);
    const china = markdown.slice(
      markdown.indexOf("fabrikam-china — blocked"),
      markdown.indexOf("contoso-sandbox — "),
    );
    expect(china).toContain("**Who acts:** admin@fabrikam-china.partner.onmschina.cn (admin agent)");
    expect(china).toContain("has no MFA method registered");
    expect(china).toContain("(https://login.chinacloudapi.cn/");
  });

  it("folds ready instances into <details>", () => {
    const markdown = renderReportMarkdown(mixedReport());

    const details = markdown.slice(markdown.indexOf("<details>"), markdown.indexOf("</details>"));
    expect(details).toContain("<summary>✅ 1 ready instance</summary>");
    expect(details).toContain("| contoso-primary | primary | 2027-02-08 |");
    expect(markdown.indexOf("<details>")).toBeGreaterThan(
      markdown.indexOf("tailspin-primary — consent-expiring"),
    );
  });

  it("puts the instances a pull request changed first, and marks them", () => {
    const markdown = renderReportMarkdown(mixedReport(), { firstInstances: ["tailspin-primary"] });

    const headings = [...markdown.matchAll(/^#### \S+ (\S+)/gm)].map((match) => match[1]);
    expect(headings[0]).toBe("tailspin-primary");
    expect(markdown).toContain("tailspin-primary — consent-expiring (changed in this pull request)");
  });

  it("takes another marker, or none", () => {
    expect(renderReportMarkdown(mixedReport(), { marker: "<!-- cspops:drift -->" })).toMatch(
      /^<!-- cspops:drift -->\n/,
    );
    expect(renderReportMarkdown(mixedReport(), { marker: "" })).toMatch(/^### /);
  });

  it("stays under 65,000 characters with 2,000 instances, summarising the rest with counts", () => {
    const report = largeReport(2_000);

    const markdown = renderReportMarkdown(report);

    expect(markdown.length).toBeLessThanOrEqual(65_000);
    expect(markdown).toMatch(/…and \d+ more instances that need action \(\d+ needs-consent\)/);
    expect(markdown).toMatch(/…and \d+ more ready instances\./);
    expect(markdown).toContain("</details>");
  });

  it("never exceeds maxChars, whatever the number of instances", () => {
    const reports = new Map<number, ReconcileReport>();
    const reportOf = (count: number) => {
      let report = reports.get(count);
      if (report === undefined) {
        report = largeReport(count);
        reports.set(count, report);
      }
      return report;
    };

    fc.assert(
      fc.property(
        fc.constantFrom(0, 1, 7, 60, 400),
        fc.integer({ min: 300, max: 70_000 }),
        (count, maxChars) => {
          expect(renderReportMarkdown(reportOf(count), { maxChars }).length).toBeLessThanOrEqual(maxChars);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("keeps text from the tenant from becoming HTML or mentions", () => {
    const report = mixedReport();
    const [first] = report.instances;
    if (first === undefined) throw new Error("empty report");
    const hostile: ReconcileReport = {
      ...report,
      instances: [
        {
          ...first,
          status: "drifted",
          findings: [
            {
              code: "drift.display-name",
              severity: "error",
              status: "drifted",
              message: 'The app is named "<img src=x onerror=alert(1)> @octocat" | cell',
            },
          ],
        },
      ],
    };

    const markdown = renderReportMarkdown(hostile);

    expect(markdown).toContain('&lt;img src=x onerror=alert(1)&gt; @\u200boctocat" \\| cell');
    expect(markdown).not.toContain("<img");
  });
});
