import type { InstanceFacts } from "./instance-facts.js";

/** Every file's facts, indexed once for all cross-file rules. */
export interface InstanceSet {
  readonly all: readonly InstanceFacts[];
  /** The first file declaring each name (duplicates are `name.duplicate`'s business). */
  readonly byName: ReadonlyMap<string, InstanceFacts>;
  /** Each sandbox together with the primary its `sandboxOf` names, when that is a primary. */
  readonly pairs: readonly { readonly sandbox: InstanceFacts; readonly primary: InstanceFacts }[];
  /** The day (`YYYY-MM-DD`, UTC) the files are checked on, for rules about dates; absent in pure replays. */
  readonly today?: string | undefined;
}

export function indexInstances(all: readonly InstanceFacts[], today?: string): InstanceSet {
  const byName = new Map<string, InstanceFacts>();
  for (const facts of all) {
    if (facts.name !== undefined && !byName.has(facts.name.value)) byName.set(facts.name.value, facts);
  }
  const pairs = all.flatMap((sandbox) => {
    if (sandbox.environment?.value !== "sandbox" || sandbox.sandboxOf === undefined) return [];
    const primary = byName.get(sandbox.sandboxOf.value);
    return primary?.environment?.value === "primary" ? [{ sandbox, primary }] : [];
  });
  return { all, byName, pairs, today };
}

/** GUIDs and user principal names compare without case. */
export function sameIdentifier(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
