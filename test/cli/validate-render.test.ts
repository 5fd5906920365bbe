import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliContext } from "../../src/cli/context.js";
import { loadValidInstances } from "../../src/cli/load-instances.js";
import type { Diagnostic } from "../../src/core/diagnostics/diagnostic.js";
import { InvalidInstancesError } from "../../src/core/diagnostics/errors.js";
import {
  renderDiagnosticsGithub,
  renderDiagnosticsStepSummary,
} from "../../src/render/diagnostics-github.js";
import { renderDiagnosticsJson } from "../../src/render/diagnostics-json.js";
import { renderDiagnosticsSummary, renderDiagnosticsText } from "../../src/render/diagnostics-text.js";
import { escapeData, escapeProperty } from "../../src/render/escape/workflow-command.js";
import { renderError } from "../../src/render/render-error.js";

const error: Diagnostic = {
  file: "instances/a,b.yaml",
  line: 9,
  column: 14,
  path: "/spec/sandboxOf",
  code: "pairing.unknown-primary",
  severity: "error",
  message: "sandboxOf names 'contoso-live', which no file declares: 100% sure",
  hint: "did you mean 'contoso-primary'?",
};
const warning: Diagnostic = {
  file: "instances/b.yaml",
  line: 8,
  column: 16,
  path: "/spec/environment",
  code: "pairing.no-sandbox",
  severity: "warning",
  message: "the primary 'b' has no integration sandbox instance",
};

function capture(): CliContext & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (chunk: string) => out.push(chunk) },
    stderr: { write: (chunk: string) => err.push(chunk) },
    env: {},
    cwd: "/",
  };
}

describe("diagnostic renderers", () => {
  it("render text as file:line:col severity code message, the hint indented", () => {
    expect(renderDiagnosticsText([error, warning], { colour: false })).toBe(
      "instances/a,b.yaml:9:14 error pairing.unknown-primary sandboxOf names 'contoso-live', which no file declares: 100% sure\n" +
        "  hint: did you mean 'contoso-primary'?\n" +
        "instances/b.yaml:8:16 warning pairing.no-sandbox the primary 'b' has no integration sandbox instance\n",
    );
  });

  it.each([
    [[error, warning], 2, "invalid: 1 error and 1 warning in 1 file (2 instance files checked)\n"],
    [[warning], 3, "valid: 3 instance files, 1 warning\n"],
    [[], 1, "valid: 1 instance file\n"],
    [[], 0, "no instance files found\n"],
  ])("summarise %j over %i files", (diagnostics, files, summary) => {
    expect(renderDiagnosticsSummary(diagnostics, files)).toBe(summary);
  });

  it("escape workflow command data and properties as actions/toolkit does", () => {
    expect(escapeData("50%\r\nnext")).toBe("50%25%0D%0Anext");
    expect(escapeProperty("a:b,c%")).toBe("a%3Ab%2Cc%25");
  });

  it("render one workflow command per diagnostic", () => {
    expect(renderDiagnosticsGithub([error, warning])).toBe(
      "::error file=instances/a%2Cb.yaml,line=9,col=14,title=pairing.unknown-primary::sandboxOf names 'contoso-live', which no file declares: 100%25 sure%0Ahint: did you mean 'contoso-primary'?\n" +
        "::warning file=instances/b.yaml,line=8,col=16,title=pairing.no-sandbox::the primary 'b' has no integration sandbox instance\n",
    );
  });

  it("cap the step summary table and keep its cells on one row", () => {
    const many = Array.from({ length: 5 }, () => ({ ...error, message: "a | b\nc" }));

    const markdown = renderDiagnosticsStepSummary(many, 5, 3);

    expect(markdown.match(/^\| ❌ /gm)).toHaveLength(3);
    expect(markdown).toContain("a \\| b␊c");
    expect(markdown).toContain("… and 2 more (see the log).");
  });

  it("render the JSON shape of docs/cli.md, omitting an absent hint", () => {
    const report = JSON.parse(
      renderDiagnosticsJson({ ok: false, fileCount: 2, diagnostics: [error, warning] }),
    );

    expect(report).toEqual({ schemaVersion: 1, valid: false, instances: 2, diagnostics: [error, warning] });
  });
});

describe("InvalidInstancesError at the CLI boundary", () => {
  it("prints exactly what validate prints, then the summary", () => {
    expect(renderError(new InvalidInstancesError([error, warning]))).toBe(
      `${renderDiagnosticsText([error, warning], { colour: false })}invalid: 1 error and 1 warning in 1 file\n`,
    );
  });
});

describe("loadValidInstances", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cspops-load-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("returns the valid instances with their defaults and writes warnings to stderr", async () => {
    const context = { ...capture(), cwd: join(import.meta.dirname, "../..") };

    const instances = await loadValidInstances("instances", context);

    expect(instances.map(({ file }) => file)).toEqual([
      "instances/contoso-primary.yaml",
      "instances/contoso-sandbox.yaml",
      "instances/fabrikam-china.yaml",
    ]);
    expect(instances[2]?.instance.spec.consent.warnDays).toBe(14);
    expect(instances[2]?.instance.spec.app.secret?.rotationDays).toBe(180);
    expect(context.out).toEqual([]);
    expect(context.err.join("")).toContain("warning pairing.no-sandbox");
  });

  it("throws InvalidInstancesError carrying every diagnostic when a file is invalid", async () => {
    await writeFile(join(dir, "bad.yaml"), "metadata: {name: bad}\n");
    const context = { ...capture(), cwd: dir };

    const loading = loadValidInstances(".", context);

    await expect(loading).rejects.toBeInstanceOf(InvalidInstancesError);
    await expect(loading).rejects.toMatchObject({
      diagnostics: [{ code: "schema.required", file: "bad.yaml" }],
    });
  });
});
