import { describe, expect, it } from "vitest";
import { describeApiUrl, partnerOfRecordFor } from "../../src/core/bss-form/bss-form.js";
import { buildBssForm, MASKED_KEY } from "../../src/core/bss-form/bss-form-fields.js";
import { parseStackOutputJson, selectInstanceValues } from "../../src/core/bss-form/bss-form-parse.js";
import { InputError } from "../../src/core/diagnostics/errors.js";
import { BSS_FORM_LABELS } from "../support/bss-form.js";

const VALUES = {
  apiUrl: "https://api.partnercenter.microsoft.com",
  tenantName: "contoso.onmicrosoft.com",
  appId: "0b9e1f42-7c3d-4e5a-9f61-2d8c7b6a5e43",
  key: "Zq8Q~canary",
  keyExpiresAt: "2026-08-18T09:30:00Z",
  accountId: "6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e",
  cspStatus: "indirect",
  partnerOfRecord: partnerOfRecordFor("indirect"),
  consentUrl: "https://login.microsoftonline.com/6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e/oauth2/v2.0/authorize",
} as const;

describe("partnerOfRecordFor", () => {
  it.each([
    ["direct", ""],
    ["indirect", "MPN ID of the indirect reseller that placed the order (the BSS sets it per subscription)"],
  ] as const)("%s → %j", (cspStatus, expected) => {
    expect(partnerOfRecordFor(cspStatus)).toBe(expected);
  });
});

describe("describeApiUrl", () => {
  it.each([
    ["https://api.partnercenter.microsoft.com", "Microsoft Global"],
    ["https://partner.partnercenterapi.microsoftonline.cn", "Microsoft China, operated by 21Vianet"],
    ["https://example.test", undefined],
  ])("%s → %s", (apiUrl, expected) => {
    expect(describeApiUrl(apiUrl)).toBe(expected);
  });
});

describe("parseStackOutputJson", () => {
  it("points at the line and column of a syntax error without quoting the text", () => {
    const text = '{\n  "key": "Zq8Q~canary" x\n}';

    const error = (() => {
      try {
        parseStackOutputJson(text, "stdin");
      } catch (caught) {
        return caught;
      }
    })();

    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^stdin is not valid JSON \(line 2, column \d+\)$/);
    expect((error as Error).message).not.toContain("canary");
  });

  it("says an empty input is empty", () => {
    expect(() => parseStackOutputJson(" \n", "stdin")).toThrow(/stdin is empty/);
  });
});

describe("selectInstanceValues", () => {
  it.each([
    ["the whole outputs", { instances: { "contoso-primary": VALUES } }],
    ["the instances output alone", { "contoso-primary": VALUES }],
  ])("accepts %s", (_shape, outputs) => {
    expect(selectInstanceValues(outputs, "contoso-primary", "stdin")).toEqual(VALUES);
  });

  it.each([
    ["an array", []],
    ["a string", "instances"],
    ["null", null],
  ])("rejects %s", (_shape, outputs) => {
    expect(() => selectInstanceValues(outputs, "contoso-primary", "stdin")).toThrow(InputError);
  });

  it("does not take inherited properties for instances", () => {
    expect(() => selectInstanceValues({ instances: {} }, "constructor", "stdin")).toThrow(
      /no instance named/,
    );
  });
});

describe("buildBssForm", () => {
  it("lists the fields in the seed form's order and masks the Key", () => {
    const form = buildBssForm("contoso-primary", VALUES, { showKey: false });

    expect(form.fields.map((field) => field.label)).toEqual(BSS_FORM_LABELS);
    expect(form.fields[3]?.value).toBe(MASKED_KEY);
    expect(JSON.stringify(form)).not.toContain("canary");
  });

  it("shows the Key only when asked", () => {
    const form = buildBssForm("contoso-primary", VALUES, { showKey: true });

    expect(form.fields[3]).toEqual({ label: "Key", value: "Zq8Q~canary" });
  });

  it("refuses to show a Key that the outputs hide", () => {
    const masked = { ...VALUES, key: "[secret]" };

    expect(() => buildBssForm("contoso-primary", masked, { showKey: true })).toThrow(
      expect.objectContaining({ hint: expect.stringContaining("--show-secrets") }),
    );
  });
});
