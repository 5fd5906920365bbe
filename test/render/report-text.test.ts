import { describe, expect, it } from "vitest";
import { renderReportText } from "../../src/render/report-text.js";
import { mixedReport } from "./report-support.js";

describe("renderReportText", () => {
  it("prints a table of every instance, then what to do and the consent links, without colour when asked", () => {
    const text = renderReportText(mixedReport(), { useColour: false });

    const lines = text.split("\n");
    expect(lines[2]).toMatch(/^INSTANCE\s+ENV\s+CLOUD\s+STATUS\s+NEXT$/);
    expect(lines.slice(3, 7).map((line) => line.split(/\s+/).slice(0, 4).join(" "))).toEqual([
      "fabrikam-china primary china blocked",
      "contoso-sandbox sandbox global needs-consent",
      "tailspin-primary primary global consent-expiring",
      "contoso-primary primary global ready",
    ]);
    expect(text).toContain("consent link (open as admin@contoso-sandbox.onmicrosoft.com, with MFA):");
    expect(text).toContain("    https://login.microsoftonline.com/");
    expect(text.trimEnd().split("\n").at(-1)).toBe(
      "4 instances: 1 blocked, 1 needs-consent, 1 consent-expiring, 1 ready.",
    );
    expect(text).not.toContain("\u001b[");
  });

  it("colours statuses on a terminal", () => {
    const text = renderReportText(mixedReport(), { useColour: true });

    expect(text).toContain("\u001b[31mblocked");
    expect(text).toContain("\u001b[32mready");
  });
});
