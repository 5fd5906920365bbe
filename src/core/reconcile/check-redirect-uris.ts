import { appOwner } from "./actors.js";
import type { AppContext } from "./context.js";
import type { Finding } from "./report.js";

/**
 * The app's web redirect URIs are exactly the declared ones: a missing one makes Microsoft refuse to
 * return the admin to the BSS after consent; an extra one is a door nobody declared.
 */
export function checkRedirectUris(context: AppContext): readonly Finding[] {
  const declared = context.instance.spec.app.redirectUris;
  const actual = context.app.web.redirectUris;
  const actualSet = new Set(actual);
  const declaredSet = new Set(declared);
  const missing = declared.filter((uri) => !actualSet.has(uri));
  const extra = actual.filter((uri) => !declaredSet.has(uri));
  const owner = appOwner(context.instance, context.adopted);
  const findings: Finding[] = [];
  if (missing.length > 0) {
    const them = missing.length === 1 ? "it" : "them";
    const fix = context.adopted
      ? `add ${them} in the Entra admin center (App registrations > Authentication > Web)`
      : `run \`pulumi up\` to add ${them}`;
    findings.push({
      code: "drift.redirect-missing",
      severity: "error",
      status: "drifted",
      message: `The app lacks ${plural(missing.length, "redirect URI")} that ${context.loaded.file} declares (${missing.join(", ")}), so Microsoft cannot return the admin to the BSS after consent: ${fix}.`,
      actor: owner,
    });
  }
  if (extra.length > 0) {
    const them = extra.length === 1 ? "it" : "them";
    const fix = context.adopted
      ? `remove ${them} in the Entra admin center (App registrations > Authentication), or declare ${them}`
      : `run \`pulumi up\` to remove ${them}, or declare ${them}`;
    findings.push({
      code: "drift.redirect-extra",
      severity: "error",
      status: "drifted",
      message: `The app has ${plural(extra.length, "redirect URI")} that ${context.loaded.file} does not declare (${extra.join(", ")}): ${fix}.`,
      actor: owner,
    });
  }
  return findings;
}

function plural(count: number, noun: string): string {
  return count === 1 ? `a ${noun}` : `${count} ${noun}s`;
}
