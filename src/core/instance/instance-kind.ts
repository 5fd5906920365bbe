import type { Finding } from "../rules/rule.js";

/**
 * Whether a YAML mapping is meant as a partner instance, even a broken one. Other YAML that lives
 * next to instances (Pulumi.yaml, GitHub workflows, Kubernetes manifests) is not, and gets one
 * warning instead of a page of schema errors (docs/instance-yaml.md).
 *
 * An instance names `apiVersion: cspops/…` or `kind: PartnerInstance` (either may be misspelt,
 * not both); a file with neither key is an instance when it has `metadata` or `spec`, since
 * `apiVersion` and `kind` default.
 */
export function isMeantAsInstance(data: Readonly<Record<string, unknown>>): boolean {
  const { apiVersion, kind } = data;
  if (typeof apiVersion === "string" && apiVersion.trim().toLowerCase().startsWith("cspops")) return true;
  if (typeof kind === "string" && kind.toLowerCase().includes("partner")) return true;
  if (apiVersion !== undefined || kind !== undefined) return false;
  return "metadata" in data || "spec" in data;
}

/** `file.not-an-instance`: the warning for YAML that declares something else; the file is skipped. */
export function notAnInstanceFinding(file: string): Finding {
  return {
    file,
    pointer: "",
    code: "file.not-an-instance",
    severity: "warning",
    message: "not an instance file (no `apiVersion: cspops/v1`, `kind: PartnerInstance`): skipped",
    hint: "keep only instance files in the instances folder, or point --dir at the folder that holds them",
  };
}
