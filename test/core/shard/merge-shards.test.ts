import { describe, expect, it } from "vitest";
import { type MergeRefusalKind, mergeShards, type ShardInput } from "../../../src/core/shard/merge-shards.js";
import { shardOfTenant } from "../../../src/core/shard/shard.js";
import type { ObservedSnapshot, TenantObservation } from "../../../src/core/snapshot/snapshot.js";
import { buildFleet } from "../../../src/emulator/seeds/fleet.js";

const INSTANCE_SET = `sha256:${"1f".repeat(32)}`;
const OTHER_SET = `sha256:${"2e".repeat(32)}`;
/** An observation of 12 tenants, as one unsharded `observe` would write it. */
const whole = buildFleet(12, new Date("2026-11-20T10:00:00Z")).seed;

/** The shards `observe --shard I/N` would write of `whole`, each with its own `observedAt`. */
function shardsOf(
  count: number,
  observedAt: (index: number) => string = () => whole.observedAt,
): ShardInput[] {
  return Array.from({ length: count }, (_, at) => {
    const index = at + 1;
    const tenants = Object.entries(whole.tenants).filter(
      ([tenantId]) => shardOfTenant(tenantId, count) === index,
    );
    const snapshot: ObservedSnapshot = {
      schemaVersion: 1,
      observedAt: observedAt(index),
      shard: { index, count, instanceSet: INSTANCE_SET },
      tenants: Object.fromEntries(tenants),
    };
    return { name: `shard-${index}.json`, snapshot };
  });
}

function refusalOf(inputs: readonly ShardInput[]): { kind: MergeRefusalKind; message: string } | undefined {
  const result = mergeShards(inputs);
  return result.ok ? undefined : { kind: result.refusal.kind, message: result.refusal.message };
}

function withShard(input: ShardInput, shard: Partial<NonNullable<ObservedSnapshot["shard"]>>): ShardInput {
  const current = input.snapshot.shard ?? { index: 1, count: 1, instanceSet: INSTANCE_SET };
  return { ...input, snapshot: { ...input.snapshot, shard: { ...current, ...shard } } };
}

function withTenants(input: ShardInput, tenants: Record<string, TenantObservation>): ShardInput {
  return { ...input, snapshot: { ...input.snapshot, tenants: { ...input.snapshot.tenants, ...tenants } } };
}

describe("mergeShards", () => {
  it("joins the shards into the unsharded snapshot: every tenant once, no shard field", () => {
    const result = mergeShards(shardsOf(3));

    expect(result.ok).toBe(true);
    const merged = result.ok ? result.snapshot : undefined;
    expect(merged).toEqual({ schemaVersion: 1, observedAt: whole.observedAt, tenants: whole.tenants });
    expect(merged).not.toHaveProperty("shard");
    expect(shardsOf(3).every(({ snapshot }) => Object.keys(snapshot.tenants).length > 0)).toBe(true);
  });

  it("keeps the earliest observedAt, compared as instants (offsets included)", () => {
    const times = ["2026-11-20T10:05:00Z", "2026-11-20T11:01:00+01:00", "2026-11-20T10:03:00.500Z"];

    const result = mergeShards(shardsOf(3, (index) => times[index - 1] as string));

    expect(result.ok && result.snapshot.observedAt).toBe("2026-11-20T11:01:00+01:00");
  });

  it("merges one shard of one (1/1) and shards that hold no tenant", () => {
    const inputs = shardsOf(40);

    expect(mergeShards(shardsOf(1))).toMatchObject({ ok: true, snapshot: { tenants: whole.tenants } });
    expect(inputs.some(({ snapshot }) => Object.keys(snapshot.tenants).length === 0)).toBe(true);
    expect(mergeShards(inputs)).toMatchObject({ ok: true, snapshot: { tenants: whole.tenants } });
  });

  it("does not depend on the order of the files", () => {
    const result = mergeShards([...shardsOf(3)].reverse());

    expect(result.ok && result.snapshot.tenants).toEqual(whole.tenants);
  });

  it("refuses a snapshot observed without --shard", () => {
    const [first, second, third] = shardsOf(3) as [ShardInput, ShardInput, ShardInput];
    const { shard: _, ...plain } = second.snapshot;

    expect(refusalOf([first, { name: "all.json", snapshot: plain }, third])).toEqual({
      kind: "not-a-shard",
      message:
        "all.json is not a shard's snapshot: it was observed without --shard and holds every tenant already",
    });
  });

  it("refuses shards of different splits (N)", () => {
    const [first, second] = shardsOf(3) as [ShardInput, ShardInput];

    expect(refusalOf([first, withShard(second, { count: 4 })])).toEqual({
      kind: "different-split",
      message: "shard-2.json is shard 2/4 but shard-1.json is shard 1/3: they split the tenants differently",
    });
  });

  it("refuses shards observed from different instance sets", () => {
    const [first, second, third] = shardsOf(3) as [ShardInput, ShardInput, ShardInput];

    expect(refusalOf([first, second, withShard(third, { instanceSet: OTHER_SET })])).toEqual({
      kind: "different-instance-set",
      message:
        "shard-3.json and shard-1.json were observed from different instance files (instance sets sha256:2e2e2e2e2e2e… and sha256:1f1f1f1f1f1f…)",
    });
  });

  it("refuses a shard given twice", () => {
    const [first, second] = shardsOf(3) as [ShardInput, ShardInput];

    expect(refusalOf([first, second, { ...second, name: "copy.json" }])).toEqual({
      kind: "duplicate-shard",
      message: "shard-2.json and copy.json are both shard 2/3",
    });
  });

  it("refuses a missing shard, naming every one missing", () => {
    const [, second] = shardsOf(4) as [ShardInput, ShardInput];

    expect(refusalOf([second])).toEqual({
      kind: "missing-shard",
      message: "shard 1/4, 3/4, 4/4 are missing: a merge needs all 4 shards",
    });
    expect(refusalOf(shardsOf(4).slice(0, 3))?.message).toBe(
      "shard 4/4 is missing: a merge needs all 4 shards",
    );
    expect(refusalOf([])?.kind).toBe("missing-shard");
  });

  it("refuses a tenant in two inputs, in any case", () => {
    const inputs = shardsOf(3);
    const [tenantId, observation] = Object.entries(inputs[0]?.snapshot.tenants ?? {})[0] as [
      string,
      TenantObservation,
    ];
    const overlapping = withTenants(inputs[1] as ShardInput, { [tenantId.toUpperCase()]: observation });

    expect(refusalOf([inputs[0] as ShardInput, overlapping, inputs[2] as ShardInput])).toEqual({
      kind: "overlap",
      message: `tenant ${tenantId.toUpperCase()} is in both shard-1.json and shard-2.json`,
    });
  });

  it("refuses a tenant twice in one file", () => {
    const inputs = shardsOf(1);
    const [tenantId, observation] = Object.entries(whole.tenants).find(([id]) => /[a-f]/.test(id)) as [
      string,
      TenantObservation,
    ];

    expect(
      refusalOf([withTenants(inputs[0] as ShardInput, { [tenantId.toUpperCase()]: observation })]),
    ).toEqual({
      kind: "overlap",
      message: `shard-1.json holds tenant ${tenantId.toUpperCase()} twice (in different cases)`,
    });
  });

  it("refuses a tenant that does not belong to the shard the file says it is", () => {
    const inputs = shardsOf(3);
    const stray = Object.keys(whole.tenants).find((tenantId) => shardOfTenant(tenantId, 3) === 3) as string;
    const moved = inputs.map((input) => {
      const tenants = Object.entries(input.snapshot.tenants).filter(([tenantId]) => tenantId !== stray);
      const snapshot = { ...input.snapshot, tenants: Object.fromEntries(tenants) };
      return input.name === "shard-1.json"
        ? withTenants({ ...input, snapshot }, { [stray]: {} })
        : { ...input, snapshot };
    });

    expect(refusalOf(moved)).toEqual({
      kind: "tenant-in-wrong-shard",
      message: `shard-1.json holds tenant ${stray}, which belongs to shard 3/3, not 1/3`,
    });
  });

  it("says what to do with every refusal", () => {
    const [first, second] = shardsOf(3) as [ShardInput, ShardInput];

    const result = mergeShards([first, withShard(second, { count: 4 })]);

    expect(result.ok ? "" : result.refusal.hint).toContain(
      "observe every shard of one run from the same instance files",
    );
  });
});
