import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateInstanceSources } from "../../src/core/instance/validate-instances.js";
import { ROOT } from "../support/run-cli.js";

/** The decoded value: an Entra client secret's shape (3 characters, a digit, `Q~`, 31–34 more). */
const SECRET = "Abc1Q~DecodedCanary0123456789abcdefghij";
const EXAMPLE = readFileSync(join(ROOT, "instances/contoso-primary.yaml"), "utf8");
const DISPLAY_NAME = "    displayName: Contoso BSS - Partner Center (primary)";

function validateWith(line: string) {
  const text = EXAMPLE.replace(DISPLAY_NAME, line);
  if (text === EXAMPLE) throw new Error("the example changed: the display name line was not found");
  return validateInstanceSources([
    { file: "instances/contoso-primary.yaml", bytes: new TextEncoder().encode(text) },
  ]);
}

describe("secret.in-yaml on decoded strings", () => {
  it.each([
    ["a \\u escape", `    displayName: "Abc1\\u0051~DecodedCanary0123456789abcdefghij"`],
    ["a \\x escape", `    displayName: "Abc1\\x51~DecodedCanary0123456789abcdefghij"`],
    [
      "an escaped line break (continuation)",
      `    displayName: "Abc1Q~DecodedCanary01234\\\n      56789abcdefghij"`,
    ],
    [
      "a \\U escape in a key",
      `    displayName: x\n    "Abc1\\U00000051~DecodedCanary0123456789abcdefghij": x`,
    ],
  ])("finds a secret written with %s, and never repeats it", (_label, line) => {
    const result = validateWith(line);

    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toContain("secret.in-yaml");
    const everything = JSON.stringify(result.diagnostics);
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain("DecodedCanary");
  });

  it("points at the value that decodes to the secret", () => {
    const result = validateWith(`    displayName: "Abc1\\u0051~DecodedCanary0123456789abcdefghij"`);

    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: "secret.in-yaml", path: "/spec/app/displayName", line: 16 }),
    );
  });

  it("leaves a display name that only mentions Q~ alone", () => {
    const result = validateWith(`    displayName: "Contoso Q~ BSS"`);

    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).not.toContain("secret.in-yaml");
  });
});
