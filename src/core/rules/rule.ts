import type { Severity } from "../diagnostics/diagnostic.js";
import type { Anchor } from "../yaml/positions.js";
import type { ParsedYamlFile } from "../yaml/yaml-parse.js";
import type { InstanceFacts } from "./instance-facts.js";
import type { InstanceSet } from "./instance-index.js";

/**
 * A problem found by the schema or a rule, before it has a line and column: the validator maps
 * `pointer` to a position in `file` afterwards, so rules never deal with YAML nodes.
 */
export interface Finding {
  readonly file: string;
  /** JSON pointer of the offending value, or of the offending key when `anchor` is `key`. */
  readonly pointer: string;
  readonly anchor?: Anchor;
  /** Overrides `pointer`'s position, for findings inside a value (a secret in a comment, say). */
  readonly offset?: number;
  readonly code: string;
  readonly severity: Severity;
  /** What is wrong. Never repeats a secret value. */
  readonly message: string;
  /** How to fix it. */
  readonly hint?: string;
}

/** A rule over every instance file together (names, pairs, tenants): reads facts, not YAML. */
export type InstanceRule = (set: InstanceSet) => readonly Finding[];

/** A rule over one file's YAML, whatever its shape: secrets and removed fields. */
export type DocumentRule = (file: ParsedYamlFile) => readonly Finding[];

type FindingAt = (
  facts: { readonly file: string },
  pointer: string,
  code: string,
  message: string,
  hint?: string,
) => Finding;

function findingOf(severity: Severity): FindingAt {
  return (facts, pointer, code, message, hint) => ({
    file: facts.file,
    pointer,
    code,
    severity,
    message,
    ...(hint === undefined ? {} : { hint }),
  });
}

export const error: FindingAt = findingOf("error");
export const warning: FindingAt = findingOf("warning");

/** Runs `check` on every item and keeps the findings (a loop: rules run over 10,000 files). */
export function checkEach<T>(items: readonly T[], check: (item: T) => Finding | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const item of items) {
    const finding = check(item);
    if (finding !== undefined) findings.push(finding);
  }
  return findings;
}

/**
 * Reports every item whose key an earlier item already has, together with that first item; items
 * without a key (`undefined`) are skipped.
 */
export function checkRepeats<T, K>(
  items: readonly T[],
  keyOf: (item: T) => K | undefined,
  report: (item: T, first: T) => Finding,
): Finding[] {
  const first = new Map<K, T>();
  const findings: Finding[] = [];
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, item);
    else findings.push(report(item, earlier));
  }
  return findings;
}

/** Runs `check` on every redirect URI of every instance. */
export function checkEachRedirectUri(
  set: InstanceSet,
  check: (facts: InstanceFacts, uri: InstanceFacts["redirectUris"][number]) => Finding | undefined,
): Finding[] {
  const findings: Finding[] = [];
  for (const facts of set.all) {
    for (const uri of facts.redirectUris) {
      const finding = check(facts, uri);
      if (finding !== undefined) findings.push(finding);
    }
  }
  return findings;
}
