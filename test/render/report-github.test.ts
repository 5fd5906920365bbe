import { describe, expect, it } from "vitest";
import { renderReportGithub } from "../../src/render/report-github.js";
import { mixedReport } from "./report-support.js";

describe("renderReportGithub", () => {
  it("annotates each instance file with its findings, one workflow command per line", () => {
    const { annotations } = renderReportGithub(mixedReport());

    const lines = annotations.trimEnd().split("\n");
    expect(lines.every((line) => /^::(error|warning|notice) file=[^,]+,title=[^:]+::/.test(line))).toBe(true);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^::error file=instances\/contoso-sandbox\.yaml,title=contoso-sandbox%3A needs-consent \(consent\.missing\)::.*%0AConsent link .*https:\/\/login\.microsoftonline\.com\//,
      ),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^::warning file=instances\/tailspin-primary\.yaml,/));
  });

  it("gives the Markdown report, without the comment marker, as the job summary", () => {
    const { summary } = renderReportGithub(mixedReport());

    expect(summary.startsWith("### cspops: 3 of 4 partner instances need action")).toBe(true);
  });
});
