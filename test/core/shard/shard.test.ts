import { describe, expect, it } from "vitest";
import { describeInstanceSet } from "../../../src/core/shard/instance-set.js";
import { MAX_SHARDS, parseShard } from "../../../src/core/shard/parse-shard.js";
import { selectShard, shardOfTenant } from "../../../src/core/shard/shard.js";
import { fnv1a32, hashTenantId } from "../../../src/core/shard/tenant-hash.js";
import { buildFleet } from "../../../src/emulator/seeds/fleet.js";

const NOW = new Date("2026-11-20T10:00:00Z");
const bytes = (text: string) => new TextEncoder().encode(text);

/** A GUID from a counter, as distinct tenants of a fleet would have. */
function tenantId(value: number): string {
  const hex = (value * 2654435761).toString(16).padStart(12, "0").slice(-12);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(1, 4)}-8${hex.slice(4, 7)}-${hex}`;
}

describe("the tenant hash", () => {
  it("is FNV-1a (the published test vectors)", () => {
    expect(fnv1a32(bytes(""))).toBe(0x811c9dc5);
    expect(fnv1a32(bytes("a"))).toBe(0xe40c292c);
    expect(fnv1a32(bytes("foobar"))).toBe(0xbf9cf968);
  });

  it("gives the documented values, whatever the case or surrounding blanks", () => {
    expect(hashTenantId("6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e")).toBe(0xc762ad6a);
    expect(hashTenantId(" 6A3B8C1E-0D2F-4B7A-9C5E-1F2A3B4C5D6E ")).toBe(0xc762ad6a);
    expect(shardOfTenant("6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e", 4)).toBe(3);
    expect(shardOfTenant("3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f", 4)).toBe(4);
    expect(shardOfTenant("00000000-0000-0000-0000-000000000000", 3)).toBe(3);
  });
});

describe("shardOfTenant", () => {
  it("puts every tenant in exactly one shard from 1 to N", () => {
    for (const count of [1, 2, 3, 7, 16]) {
      for (let value = 0; value < 500; value += 1) {
        const shard = shardOfTenant(tenantId(value), count);

        expect(Number.isInteger(shard) && shard >= 1 && shard <= count).toBe(true);
      }
    }
  });

  it("spreads 10,000 tenants as evenly as chance would: every shard within 4 standard deviations", () => {
    for (const count of [2, 3, 4, 10, 32]) {
      const sizes = new Array<number>(count).fill(0);
      for (let value = 0; value < 10_000; value += 1) {
        const shard = shardOfTenant(tenantId(value), count);
        sizes[shard - 1] = (sizes[shard - 1] ?? 0) + 1;
      }

      const share = 10_000 / count;
      const deviation = Math.sqrt(10_000 * (1 / count) * (1 - 1 / count));
      expect(Math.min(...sizes)).toBeGreaterThan(share - 4 * deviation);
      expect(Math.max(...sizes)).toBeLessThan(share + 4 * deviation);
    }
  });

  it("spreads the fleet seed's sequential tenant ids evenly too", () => {
    const fleet = buildFleet(3_000, NOW);
    const sizes = [1, 2, 3].map((index) => selectShard(fleet.instances, { index, count: 3 }).length);

    expect(Math.min(...sizes)).toBeGreaterThan(900);
    expect(Math.max(...sizes)).toBeLessThan(1_100);
  });
});

describe("selectShard", () => {
  const fleet = buildFleet(60, NOW, { instancesPerTenant: 4 });

  it("splits the instances into N disjoint shards that together hold every instance once", () => {
    const shards = [1, 2, 3].map((index) => selectShard(fleet.instances, { index, count: 3 }));

    const names = shards.flat().map(({ instance }) => instance.metadata.name);
    expect(names.sort()).toEqual(fleet.instances.map(({ instance }) => instance.metadata.name).sort());
    expect(shards.every((shard) => shard.length > 0)).toBe(true);
  });

  it("keeps every instance of a tenant in the same shard", () => {
    for (const index of [1, 2, 3]) {
      const shard = selectShard(fleet.instances, { index, count: 3 });

      for (const { instance } of shard) {
        const tenant = instance.spec.partner.tenantId;
        const all = fleet.instances.filter(({ instance: other }) => other.spec.partner.tenantId === tenant);
        expect(shard.filter(({ instance: other }) => other.spec.partner.tenantId === tenant)).toEqual(all);
      }
    }
  });

  it("never moves a tenant when other tenants come or go", () => {
    const fewer = fleet.instances.slice(0, 20);
    const more = buildFleet(200, NOW, { instancesPerTenant: 4 }).instances;
    const tenantsOf = (list: typeof fewer, index: number) =>
      new Set(selectShard(list, { index, count: 3 }).map(({ instance }) => instance.spec.partner.tenantId));

    for (const index of [1, 2, 3]) {
      const inFleet = tenantsOf(fleet.instances, index);
      const inMore = tenantsOf(more, index);

      for (const tenant of tenantsOf(fewer, index)) {
        expect(inFleet.has(tenant)).toBe(true);
        expect(inMore.has(tenant)).toBe(true);
      }
    }
  });
});

describe("parseShard", () => {
  it.each([
    ["1/1", { index: 1, count: 1 }],
    ["2/4", { index: 2, count: 4 }],
    ["4/4", { index: 4, count: 4 }],
    [" 3/10 ", { index: 3, count: 10 }],
  ])("reads %j", (text, shard) => {
    expect(parseShard(text)).toEqual({ ok: true, shard });
  });

  it.each([
    ["2", "is not I/N"],
    ["2/", "is not I/N"],
    ["a/4", "is not I/N"],
    ["-1/4", "is not I/N"],
    ["1.5/4", "is not I/N"],
    ["0/4", "names shard 0 of 4"],
    ["5/4", "names shard 5 of 4"],
    ["0/0", "splits into 0 shards"],
    [`1/${MAX_SHARDS + 1}`, `splits into ${MAX_SHARDS + 1} shards`],
  ])("refuses %j: it %s", (text, problem) => {
    const result = parseShard(text);

    expect(result).toMatchObject({ ok: false, problem });
    expect(result.ok ? "" : result.hint).not.toBe("");
  });
});

describe("describeInstanceSet", () => {
  const fleet = buildFleet(6, NOW, { instancesPerTenant: 2 });

  it("does not depend on the order of the files", () => {
    expect(describeInstanceSet([...fleet.instances].reverse())).toBe(describeInstanceSet(fleet.instances));
  });

  it("changes when an instance is added or its observed inputs change", () => {
    const base = describeInstanceSet(fleet.instances);
    const [first, ...rest] = fleet.instances;
    if (first === undefined) throw new Error("the fleet has instances");
    const moved = {
      ...first,
      instance: {
        ...first.instance,
        spec: {
          ...first.instance.spec,
          consent: { ...first.instance.spec.consent, adminAgent: "other@x.test" },
        },
      },
    };

    expect(describeInstanceSet(fleet.instances.slice(1))).not.toBe(base);
    expect(describeInstanceSet([moved, ...rest])).not.toBe(base);
  });
});
