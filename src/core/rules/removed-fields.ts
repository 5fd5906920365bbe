import { CLOUD_ENDPOINTS } from "../instance/identifiers.js";
import { toPointer } from "../yaml/positions.js";
import type { ParsedYamlFile } from "../yaml/yaml-parse.js";
import type { Finding } from "./rule.js";
import { forEachKey } from "./walk-data.js";

const NO_USER_CREDENTIALS =
  "it was removed on 2019-02-04: the BSS no longer signs in with a user's name and password; the admin agent in `spec.consent.adminAgent` gives consent interactively, with MFA";

/** Fields of the old activation guide, and what replaced each. */
const REMOVED: Readonly<Record<string, { readonly why: string; readonly hint: string }>> = {
  nativeAppId: {
    why: "Native App ID is no longer used: it stopped being compulsory in 3.2.4.0 and was purged on 2019-02-04",
    hint: "delete the line; the web app in `spec.app` is all the BSS needs",
  },
  username: {
    why: `\`username\` is no longer used: ${NO_USER_CREDENTIALS}`,
    hint: "delete the line; put the admin agent's user principal name in `spec.consent.adminAgent`",
  },
  password: {
    why: `\`password\` is no longer used: ${NO_USER_CREDENTIALS}`,
    hint: "delete the line; if it held a real password, change that password: it is in git history",
  },
  authorizationLink: {
    why: "the Authorization link is generated automatically now (since 3.28.19)",
    hint: "delete the line; `cspops consent-link <name>` prints the link, and reconcile reports carry it",
  },
  apiUrl: {
    why: "the API URL is derived from `spec.cloud`",
    hint: `delete the line and set \`spec.cloud\`: global → ${CLOUD_ENDPOINTS.global.partnerCenterApi}, china → ${CLOUD_ENDPOINTS.china.partnerCenterApi}`,
  },
};

/** `field.removed`: a field of the old activation guide, with its migration hint. */
export function checkRemovedFields(parsed: ParsedYamlFile): Finding[] {
  const findings: Finding[] = [];
  forEachKey(parsed.data, (key, _value, path) => {
    const removed = Object.hasOwn(REMOVED, key) ? REMOVED[key] : undefined;
    if (removed === undefined) return;
    findings.push({
      file: parsed.file,
      pointer: toPointer(path),
      anchor: "key",
      code: "field.removed",
      severity: "error",
      message: removed.why,
      hint: removed.hint,
    });
  });
  return findings;
}
