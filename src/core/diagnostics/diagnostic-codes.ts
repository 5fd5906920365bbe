import type { Severity } from "./diagnostic.js";

/**
 * Every diagnostic code `validate` can report, with its severity and what it means. The codes are
 * a public contract (CI scripts and people grep for them); tests check that each one has a case in
 * `test/corpus/` and that nothing else is ever reported.
 */
export const DIAGNOSTIC_CODES = {
  "file.encoding": ["error", "the file is not UTF-8"],
  "file.too-large": ["error", "the file is larger than 1 MiB"],
  "file.empty": ["error", "the file declares nothing"],
  "file.not-a-mapping": ["error", "the top level is a list or a single value"],
  "file.not-an-instance": ["warning", "YAML that is not an instance (Pulumi.yaml, a workflow): skipped"],
  "yaml.syntax": ["error", "the YAML does not parse"],
  "yaml.duplicate-key": ["error", "a key appears twice in one mapping"],
  "yaml.alias-limit": ["error", "aliases expand to too many copies (an alias bomb)"],
  "yaml.unresolved-alias": ["error", "an alias names no anchor"],
  "yaml.alias-cycle": ["error", "an alias is inside the value it refers to"],
  "yaml.multiple-documents": ["error", "more than one YAML document in a file"],
  "yaml.tag": ["error", "a YAML tag (`!foo`, `!!binary`)"],
  "schema.required": ["error", "a required key is missing"],
  "schema.unknown-key": ["error", "a key the format does not know (with a did-you-mean)"],
  "schema.enum": ["error", "a value outside its allowed set (lists them)"],
  "schema.const": ["error", "apiVersion or kind is wrong"],
  "schema.type": ["error", "a value of the wrong type (a string where a number belongs, …)"],
  "schema.pattern": ["error", "a value of the wrong form (GUID, domain, name, UPN, language, country)"],
  "schema.range": ["error", "a number out of range"],
  "schema.length": ["error", "a string too short or too long"],
  "schema.item-count": ["error", "a list with too few or too many items"],
  "schema.unique-items": ["error", "an item repeated in a list"],
  "schema.sandbox-of-required": ["error", "a sandbox does not name its primary"],
  "schema.sandbox-of-forbidden": ["error", "a primary names a primary of its own"],
  "schema.invalid": ["error", "any other schema violation"],
  "cloud.germany-retired": ["error", "Microsoft Cloud Deutschland closed on 2021-10-29"],
  "field.removed": ["error", "a field of the old activation guide (nativeAppId, username, password, …)"],
  "secret.in-yaml": ["error", "a secret in the file: Pulumi makes the Key"],
  "name.duplicate": ["error", "two files declare the same metadata.name"],
  "pairing.unknown-primary": ["error", "a sandbox's sandboxOf names no instance"],
  "pairing.not-a-primary": ["error", "a sandbox's sandboxOf names a sandbox"],
  "pairing.multiple-sandboxes": ["error", "a primary has more than one sandbox"],
  "pairing.same-tenant": ["error", "a sandbox uses its primary's tenant"],
  "pairing.same-admin-agent": ["error", "a sandbox uses its primary's admin agent"],
  "pairing.cloud-mismatch": ["error", "a sandbox is in another cloud than its primary"],
  "tenant.shared": ["error", "two instances of one environment share a tenant"],
  "app.shared": ["error", "two instances adopt the same existing app"],
  "domain.cloud-mismatch": ["error", "the default domain belongs to the other cloud"],
  "redirect.not-absolute": ["error", "a redirect URI is not an absolute URL"],
  "redirect.not-https": ["error", "a redirect URI is not https (http only for localhost)"],
  "redirect.wildcard": ["error", "a redirect URI has a wildcard"],
  "redirect.fragment": ["error", "a redirect URI has a #fragment"],
  "redirect.too-long": ["error", "a redirect URI is longer than 256 characters"],
  "redirect.duplicate": ["error", "a redirect URI is listed twice"],
  "name.file-mismatch": ["warning", "the file is not named <metadata.name>.yaml"],
  "pairing.no-sandbox": ["warning", "a primary has no sandbox instance"],
  "consent.admin-agent-other-tenant": ["warning", "the admin agent signs in at another tenant's domain"],
  "redirect.localhost-in-primary": ["warning", "the live account has a localhost redirect URI"],
} as const satisfies Record<string, readonly [Severity, string]>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
