import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ReconcileReport } from "../../src/core/reconcile/report.js";
import {
  renderReportMarkdown,
  stripVolatileTimes,
  VOLATILE_REPORT_TIMES,
} from "../../src/render/report-markdown.js";
import { largeReport, mixedReport, reportSaying } from "./report-support.js";

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
    expect(china).toContain("**Who acts:** `admin@fabrikam-china.partner.onmschina.cn` (admin agent)");
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
    const hostile = reportSaying('The app is named "<img src=x onerror=alert(1)> @octocat" | cell', {
      others: false,
    });

    const markdown = renderReportMarkdown(hostile);

    expect(markdown).toContain('&lt;img src=x onerror=alert(1)&gt; `@octocat`" \\| cell');
    expect(markdown).not.toContain("<img");
  });

  it("names the command that made it in the footer: cspops reconcile unless told", () => {
    const byDefault = renderReportMarkdown(mixedReport());
    const byDrift = renderReportMarkdown(mixedReport(), { command: "cspops drift" });

    expect(byDefault).toContain("Made by `cspops reconcile`.");
    expect(byDrift).toContain("Made by `cspops drift`.");
    expect(byDrift).not.toContain("cspops reconcile");
  });
});

describe("VOLATILE_REPORT_TIMES and stripVolatileTimes", () => {
  const at = (report: ReconcileReport, observedAt: string, generatedAt: string): ReconcileReport => ({
    ...report,
    observedAt,
    generatedAt,
  });

  it("match exactly the observed and checked times the renderer writes", () => {
    const markdown = renderReportMarkdown(
      at(mixedReport(), "2026-11-20T09:55:00Z", "2026-11-20T10:00:00.000Z"),
    );

    const matches = [...markdown.matchAll(new RegExp(VOLATILE_REPORT_TIMES.source, "gm"))].map((m) => m[0]);

    expect(matches).toEqual([" — observed 2026-11-20 09:55 UTC, checked 2026-11-20 10:00 UTC."]);
    expect(stripVolatileTimes(markdown)).toBe(markdown.replace(matches[0] ?? "?", ""));
  });

  it("make bodies that differ only in those times equal, and no others", () => {
    const report = mixedReport();
    const earlier = renderReportMarkdown(at(report, "2026-11-20T09:55:00Z", "2026-11-20T10:00:00Z"));
    const later = renderReportMarkdown(at(report, "2026-11-21T06:00:00Z", "2026-11-21T06:30:00Z"));
    const [first, ...rest] = report.instances;
    if (first === undefined) throw new Error("empty report");
    const changed = renderReportMarkdown({
      ...report,
      instances: [{ ...first, status: "drifted" }, ...rest],
    });

    expect(later).not.toBe(earlier);
    expect(stripVolatileTimes(later)).toBe(stripVolatileTimes(earlier));
    expect(stripVolatileTimes(changed)).not.toBe(stripVolatileTimes(earlier));
  });

  it("leave tenant text that merely looks like the times alone", () => {
    // A Graph error quoted in a finding may span lines; a line of it may end like the times do.
    const lookalike = "Graph said: the list was — observed soon, checked later.";
    const hostile = reportSaying(`${lookalike}\nTry again.`, { others: true });

    expect(stripVolatileTimes(renderReportMarkdown(hostile))).toContain(lookalike);
  });
});
