import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/core/diagnostics/diagnostic.js";
import { validateInstanceSources } from "../../src/core/instance/validate-instances.js";

const example = readFileSync(join(import.meta.dirname, "../../instances/contoso-primary.yaml"), "utf8");

/** Validates the primary example after one textual edit, and returns its errors. */
function errorsAfter(from: string, to: string): Diagnostic[] {
  expect(example).toContain(from);
  const text = example.replace(from, to);
  const result = validateInstanceSources([
    { file: "instances/contoso-primary.yaml", bytes: new TextEncoder().encode(text) },
  ]);
  return result.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
}

describe("schema errors a person can act on", () => {
  it("explain that Microsoft Cloud Deutschland is gone and what to use instead", () => {
    const [error] = errorsAfter("cloud: global", "cloud: germany");

    expect(error).toMatchObject({ code: "cloud.germany-retired", line: 9, column: 10, path: "/spec/cloud" });
    expect(error?.message).toContain("2021-10-29");
    expect(error?.hint).toContain("cloud: global");
  });

  it("list the allowed values of an enum and guess the intended one", () => {
    const [error] = errorsAfter("cspStatus: indirect", "cspStatus: Indirekt");

    expect(error?.code).toBe("schema.enum");
    expect(error?.message).toBe(
      "`spec.partner.cspStatus` must be one of 'direct', 'indirect', found 'Indirekt'",
    );
    expect(error?.hint).toBe("did you mean 'indirect'?");
  });

  it("suggest the known key for a typo, at the key, and do not also report the key as missing", () => {
    const errors = errorsAfter("    redirectUris:", "    redirectURIs:");

    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      code: "schema.unknown-key",
      line: 17,
      column: 5,
      path: "/spec/app/redirectURIs",
    });
    expect(errors[0]?.hint).toBe("did you mean `redirectUris`?");
  });

  it("say where a misplaced key belongs", () => {
    const [error] = errorsAfter("    cspStatus: indirect", "    cspStatus: indirect\n    cloud: global");

    expect(error?.code).toBe("schema.unknown-key");
    expect(error?.hint).toBe("`cloud` belongs under `spec`");
  });

  it("point a missing key at the mapping that lacks it, with the field's description", () => {
    const [error] = errorsAfter("    tenantId: 6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e\n", "");

    expect(error).toMatchObject({ code: "schema.required", line: 10, column: 3, path: "/spec/partner" });
    expect(error?.message).toBe("`spec.partner` lacks the required key `tenantId`");
    expect(error?.hint).toContain("Account ID");
  });

  it("tell to quote a number where a string belongs", () => {
    const [error] = errorsAfter('partnerId: "1234567"', "partnerId: 1234567");

    expect(error?.code).toBe("schema.type");
    expect(error?.hint).toBe('quote it: `partnerId: "1234567"` (YAML reads 1234567 as a number)');
  });

  it.each([
    [
      "tenantId: 6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e",
      "tenantId: 6A3B8C1E0D2F4B7A9C5E1F2A3B4C5D6E",
      "GUID",
      "'6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e'",
    ],
    ["name: contoso-primary", "name: Contoso Primary", "lower-case letters", "'contoso-primary'"],
    ["languages: [en-US, el-GR]", "languages: [en_us, el-GR]", "BCP 47", "'en-US'"],
    ["countries: [GR, CY]", "countries: [gr, CY]", "ISO 3166-1", "'GR'"],
    [
      "defaultDomain: contoso.onmicrosoft.com",
      "defaultDomain: Contoso.OnMicrosoft.com",
      "default domain",
      "'contoso.onmicrosoft.com'",
    ],
    ["adminAgent: adele@contoso.onmicrosoft.com", "adminAgent: adele", "user principal name", undefined],
  ])("explain a pattern and suggest a fix: %s → %s", (from, to, explanation, suggestion) => {
    const [error] = errorsAfter(from, to);

    expect(error?.code).toBe("schema.pattern");
    expect(error?.message).toContain(explanation);
    if (suggestion !== undefined) expect(error?.hint).toContain(`did you mean ${suggestion}?`);
  });

  it.each([
    ["rotationDays: 180", "rotationDays: 0", "schema.range", "at least 1"],
    ["warnDays: 14", "warnDays: 90", "schema.range", "at most 89"],
    ["apiVersion: cspops/v1", "apiVersion: cspops/v2", "schema.const", "'cspops/v1'"],
    ["languages: [en-US, el-GR]", "languages: [en-US, en-US]", "schema.unique-items", "appears twice"],
    [
      "    redirectUris:\n      - https://bss.contoso.example/ms/consent/callback",
      "    redirectUris: []",
      "schema.item-count",
      "at least 1 item",
    ],
  ])("translate %s → %s into %s", (from, to, code, words) => {
    const [error] = errorsAfter(from, to);

    expect(error?.code).toBe(code);
    expect(error?.message).toContain(words);
  });

  it.each([
    ["nativeAppId", "2019-02-04"],
    ["username", "2019-02-04"],
    ["password", "2019-02-04"],
    ["authorizationLink", "consent-link"],
    ["apiUrl", "spec.cloud"],
  ])("give %s a migration hint instead of 'unknown key'", (field, words) => {
    const errors = errorsAfter("  consent:\n", `  ${field}: something-old\n  consent:\n`);

    const codes = errors.map((error) => error.code);
    expect(codes).toContain("field.removed");
    expect(codes).not.toContain("schema.unknown-key");
    expect(JSON.stringify(errors)).toContain(words);
  });

  it("never repeat a secret, whichever message mentions the value", () => {
    const canary = "k9x8Q~Zz0123456789abcdefghijklmnopqrstu";
    const errors = [
      ...errorsAfter(
        "    displayName: Contoso BSS - Partner Center (primary)",
        `    clientSecret: ${canary}`,
      ),
      ...errorsAfter("cspStatus: indirect", `cspStatus: ${canary}`),
      ...errorsAfter("  consent:\n", `  ${canary}: x\n  consent:\n`),
    ];

    expect(errors.map((error) => error.code)).toContain("secret.in-yaml");
    expect(JSON.stringify(errors)).not.toContain(canary);
    expect(JSON.stringify(errors)).not.toContain("Zz0123456789");
  });
});

describe("a schema refusal made only of editor-only keywords", () => {
  it("still fails the file with a message naming the key, never in silence", async () => {
    const { translateSchemaErrors } = await import("../../src/core/schema-errors/schema-errors.js");
    const errors = [
      {
        instancePath: "/spec",
        schemaPath: "#/properties/spec/propertyNames/enum",
        keyword: "enum",
        params: { allowedValues: ["environment"] },
        message: "must be equal to one of the allowed values",
        propertyName: "acknowledge",
      },
      {
        instancePath: "/spec",
        schemaPath: "#/properties/spec/propertyNames",
        keyword: "propertyNames",
        params: { propertyName: "acknowledge" },
        message: "property name must be valid",
      },
    ];

    const findings = translateSchemaErrors("x.yaml", errors, { spec: { acknowledge: {} } });

    expect(findings).toEqual([
      expect.objectContaining({
        code: "schema.invalid",
        pointer: "/spec/acknowledge",
        message: "`acknowledge` is not allowed in `spec`",
        severity: "error",
      }),
    ]);
  });
});
