import {
  type LoadedInstance,
  normaliseInstance,
  type PartnerInstanceDocument,
} from "../../core/instance/instance.js";
import type { ObservedSnapshot, TenantObservation } from "../../core/snapshot/snapshot.js";
import { buildPartnerTenant, type PartnerTenantSpec } from "./partner-tenant.js";

/** The status each generated instance is seeded to have. */
export type FleetState = "ready" | "needs-consent" | "blocked" | "drifted" | "not-provisioned";

const CYCLE: readonly FleetState[] = ["ready", "needs-consent", "blocked", "drifted", "not-provisioned"];

export interface Fleet {
  readonly seed: ObservedSnapshot;
  readonly instances: LoadedInstance[];
  /** What the planner must say of each instance when everything was observed. */
  readonly expected: ReadonlyMap<string, FleetState>;
}

export interface FleetOptions {
  /**
   * Instances per partner tenant. Default 1, as real partner accounts are (one tenant each);
   * more exercises fuller batches.
   */
  readonly instancesPerTenant?: number;
}

/**
 * `count` partner instances cycling through five states, with the matching emulator seed: for
 * reliability tests and benchmarks. Each instance has its own app and admin agent.
 */
export function buildFleet(count: number, now: Date, options: FleetOptions = {}): Fleet {
  const perTenant = Math.max(1, options.instancesPerTenant ?? 1);
  const tenants = new Map<string, TenantObservation>();
  const instances: LoadedInstance[] = [];
  const expected = new Map<string, FleetState>();
  for (let index = 0; index < count; index += 1) {
    const state = CYCLE[index % CYCLE.length] as FleetState;
    const hex = (value: number) => value.toString(16).padStart(8, "0");
    const guid = (kind: string, value: number) =>
      `${hex(value)}-${kind}000-4000-8000-${hex(value).padStart(12, "0")}`;
    const name = `partner-${index}`;
    const tenantIndex = Math.floor(index / perTenant);
    const domain = `partner${tenantIndex}.onmicrosoft.com`;
    const displayName = `Partner ${index} BSS`;
    const spec: PartnerTenantSpec = {
      tenantId: guid("1", tenantIndex),
      instance: name,
      appId: state === "not-provisioned" ? undefined : guid("2", index),
      displayName: state === "drifted" ? `${displayName} (renamed by hand)` : displayName,
      redirectUris: [`https://bss.partner${index}.example/ms/consent/callback`],
      agent: {
        id: guid("3", index),
        upn: `admin${index}@${domain}`,
        name: "Admin Agent",
        mfa: state !== "blocked",
        role: "AdminAgents",
      },
      others: [],
      consentedDaysAgo: state === "ready" ? 10 : undefined,
      objectIdPrefix: `${hex(index)}-5000-4000-8000-`,
    };
    const tenant = buildPartnerTenant(spec, now);
    const existing = tenants.get(spec.tenantId);
    tenants.set(spec.tenantId, existing === undefined ? tenant : mergeTenants(existing, tenant));
    instances.push({
      file: `instances/${name}.yaml`,
      instance: normaliseInstance(instanceDocument(spec, domain, displayName)),
    });
    expected.set(name, state);
  }
  return {
    seed: { schemaVersion: 1, observedAt: now.toISOString(), tenants: Object.fromEntries(tenants) },
    instances,
    expected,
  };
}

/** One directory holding both tenants' objects; objects present in both (by id) are kept once. */
function mergeTenants(a: TenantObservation, b: TenantObservation): TenantObservation {
  const merged: Record<string, unknown> = {};
  for (const key of Object.keys(b) as (keyof TenantObservation)[]) {
    if (key === "memberOf") {
      merged.memberOf = { ...a.memberOf, ...b.memberOf };
      continue;
    }
    const seen = new Set<unknown>();
    merged[key] = [...((a[key] as unknown[]) ?? []), ...((b[key] as unknown[]) ?? [])].filter((item) => {
      const id = (item as { id?: unknown }).id;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }
  return merged as TenantObservation;
}

function instanceDocument(
  spec: PartnerTenantSpec,
  domain: string,
  displayName: string,
): PartnerInstanceDocument {
  return {
    apiVersion: "cspops/v1",
    kind: "PartnerInstance",
    metadata: { name: spec.instance },
    spec: {
      environment: "primary",
      cloud: "global",
      partner: { tenantId: spec.tenantId, defaultDomain: domain, cspStatus: "direct" },
      app: { displayName, redirectUris: [...spec.redirectUris], secret: { rotationDays: 180 } },
      consent: { adminAgent: spec.agent.upn, warnDays: 14 },
      catalogue: { languages: ["en-US"], countries: ["GR"], productNames: "keep" },
      provisioning: { annualSubscriptions: false },
    },
  } as PartnerInstanceDocument;
}
