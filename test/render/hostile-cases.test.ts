import { describe, expect, it } from "vitest";
import { validateInstanceSources } from "../../src/core/instance/validate-instances.js";
import { planReconcile } from "../../src/core/reconcile/plan-reconcile.js";
import type { ReconcileReport } from "../../src/core/reconcile/report.js";
import { renderDiagnosticsStepSummary } from "../../src/render/diagnostics-github.js";
import { renderDiagnosticsText } from "../../src/render/diagnostics-text.js";
import { STATUS_ICONS } from "../../src/render/report-facts.js";
import { renderReportMarkdown } from "../../src/render/report-markdown.js";
import { renderReportText } from "../../src/render/report-text.js";
import { NOW, readyScenario, snapshotOfScenarios } from "../core/reconcile/scenario.js";
import { hostileSources } from "./hostile-corpus.js";
import { asHref, auditMarkdown } from "./markdown-audit.js";

// One regression test per case of issue 11, each in every place outside text reaches a report.
const CASES: ReadonlyArray<readonly [string, string]> = [
  ["a phishing link", "[grant consent to contoso-sandbox](https://evil.example/phish)"],
  [
    "a forged heading and consent link",
    "x\n\n#### ✅ contoso-sandbox — ready\n\n**Consent link** — [go](https://evil.example)",
  ],
  ["a backtick and a line break", "a`b\n#### forged`"],
  ["a mention in parentheses", "(@octocat)"],
  ["a mention after a comma", "x,@octocat"],
  ["raw HTML", "<img src=x onerror=alert(1)> </details>"],
  ["an autolink", "https://evil.example/a www.evil.example admin@evil.example"],
  ["a workflow command", "x\n::error::forged\n"],
  ["a mask command", "::add-mask::hidden"],
  ["a legacy command", "##[error]legacy"],
  ["a screen clear", "\u001b[2J"],
  ["an OSC-8 hyperlink", "\u001b]8;;http://evil\u0007click\u001b]8;;\u0007"],
  ["NUL", "a\u0000b"],
];

type Place = "Graph display name" | "file name" | "tenant error";

/** The sandbox needs consent (one intended link); `place` carries the hostile text. */
function reportWith(place: Place, text: string): ReconcileReport {
  const sandbox = readyScenario({
    name: "contoso-sandbox",
    environment: "sandbox",
    sandboxOf: "contoso-primary",
  });
  sandbox.tenant.oauth2PermissionGrants = [];
  const [app] = sandbox.tenant.applications ?? [];
  if (app !== undefined && place === "Graph display name")
    sandbox.tenant.applications = [{ ...app, displayName: text }];
  const primary = readyScenario({ name: "contoso-primary" });
  const snapshot = snapshotOfScenarios(sandbox, primary);
  const tenants =
    place === "tenant error"
      ? { ...snapshot.tenants, [primary.tenantId]: { error: { status: 403, code: "Denied", message: text } } }
      : snapshot.tenants;
  const loaded =
    place === "file name" ? { ...sandbox.loaded, file: `instances/${text}.yaml` } : sandbox.loaded;
  return planReconcile([loaded, primary.loaded], { ...snapshot, tenants }, NOW);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters.
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const INTENDED_HTML = ["<!-- cspops:reconcile -->", "<sub>", "</sub>", "</details>"];
const PLACES: readonly Place[] = ["Graph display name", "file name", "tenant error"];

describe.each(PLACES)("hostile text as a %s", (place) => {
  it.each(CASES)("%s: Markdown has only its own headings, link, HTML; no mention", (_label, text) => {
    const report = reportWith(place, text);
    const audit = auditMarkdown(renderReportMarkdown(report));

    expect(audit.headings.filter((heading) => heading.startsWith("h4")).sort()).toEqual(
      report.instances
        .filter((instance) => instance.status !== "ready")
        .map((instance) => `h4 ${STATUS_ICONS[instance.status]} ${instance.name} — ${instance.status}`)
        .sort(),
    );
    expect(audit.links).toEqual(
      report.instances.flatMap((instance) =>
        instance.consentUrl === null ? [] : [asHref(instance.consentUrl)],
      ),
    );
    expect(audit.images).toEqual([]);
    expect(audit.mentions).toEqual([]);
    expect(
      audit.html.filter(
        (fragment) => !INTENDED_HTML.includes(fragment) && !fragment.startsWith("<details><summary>"),
      ),
    ).toEqual([]);
  });

  it.each(CASES)("%s: text output has no command line, no control byte", (_label, text) => {
    const output = renderReportText(reportWith(place, text), { useColour: false });

    expect(output.split("\n").filter((line) => /^\s*::/.test(line))).toEqual([]);
    expect(output).not.toContain("##[");
    expect(output).not.toMatch(RAW_CONTROL);
  });
});

describe("hostile file names in validate output", () => {
  it.each(CASES)("%s: step summary and text", (_label, text) => {
    const [source] = hostileSources();
    if (source === undefined) throw new Error("no hostile source");
    const result = validateInstanceSources([{ ...source, file: `instances/${text}.yaml` }]);
    const summary = auditMarkdown(renderDiagnosticsStepSummary(result.diagnostics, 1));
    const output = renderDiagnosticsText(result.diagnostics, { colour: false });

    expect(summary.headings).toHaveLength(1);
    expect([...summary.links, ...summary.images, ...summary.mentions, ...summary.html]).toEqual([]);
    expect(summary.tableRows.every((cells) => cells === 5)).toBe(true);
    expect(output.split("\n").filter((line) => /^\s*::/.test(line))).toEqual([]);
    expect(output).not.toContain("##[");
    expect(output).not.toMatch(RAW_CONTROL);
  });
});
