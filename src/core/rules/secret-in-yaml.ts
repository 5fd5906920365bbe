import { dotted } from "../schema-errors/schema-errors-values.js";
import { findSecretShapes, isSecretKeyName } from "../secrets/secrets.js";
import { toPointer } from "../yaml/positions.js";
import type { ParsedYamlFile } from "../yaml/yaml-parse.js";
import type { Finding } from "./rule.js";
import { forEachDecodedString, forEachKey } from "./walk-data.js";

const SECRET_HINT =
  "delete it: Pulumi makes the app's Key (client secret) and keeps it encrypted in the stack. If it was a real secret, it is in git history: delete that secret in the Microsoft Entra admin center (App registrations > Certificates & secrets)";

/**
 * `secret.in-yaml`: a credential in an instance file, either under a secret-named key, or in the
 * shape of an Entra client secret anywhere in the text (comments included) or in any key or string
 * value once decoded (a double-quoted `\u0051` is a `Q`, an escaped line break joins two lines).
 * Never echoes the value.
 */
export function checkSecretInYaml(parsed: ParsedYamlFile): Finding[] {
  const findings: Finding[] = [];
  forEachKey(parsed.data, (key, value, path) => {
    if (typeof value !== "string" || value.trim() === "" || !isSecretKeyName(key)) return;
    const pointer = toPointer(path);
    findings.push({
      file: parsed.file,
      pointer,
      code: "secret.in-yaml",
      severity: "error",
      message: `\`${dotted(pointer)}\` holds a secret; secrets never go in instance files`,
      hint: SECRET_HINT,
    });
  });
  const reported = new Set(findings.map((finding) => finding.pointer));
  for (const offset of findSecretShapes(parsed.text)) {
    const pointer = parsed.locator.pointerAt(offset);
    if (!reported.has(pointer)) {
      reported.add(pointer);
      findings.push(secretShapeFinding(parsed.file, pointer, offset));
    }
  }
  forEachDecodedString(parsed.data, (text, path) => {
    if (findSecretShapes(text).length === 0) return;
    const pointer = toPointer(path);
    if (reported.has(pointer)) return;
    reported.add(pointer);
    findings.push(secretShapeFinding(parsed.file, pointer));
  });
  return findings;
}

/** The same scan for text that could not be parsed (invalid UTF-8, broken YAML). */
export function checkSecretShapesInText(file: string, text: string): Finding[] {
  return findSecretShapes(text).map((offset) => secretShapeFinding(file, "", offset));
}

function secretShapeFinding(file: string, pointer: string, offset?: number): Finding {
  return {
    file,
    pointer,
    ...(offset === undefined ? {} : { offset }),
    code: "secret.in-yaml",
    severity: "error",
    message:
      "this looks like a Microsoft Entra client secret (the app's Key); secrets never go in instance files",
    hint: SECRET_HINT,
  };
}
