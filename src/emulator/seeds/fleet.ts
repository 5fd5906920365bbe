import { type LoadedInstance, normaliseInstance, type PartnerInstanceDocument } from "../../core/instance.js";
import type { ObservedSnapshot } from "../../core/snapshot.js";
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

/**
 * `count` partner instances, each in its own tenant (as real partner accounts are), cycling
 * through five states, with the matching emulator seed: for reliability tests and benchmarks.
 */
export function buildFleet(count: number, now: Date): Fleet {
  const tenants: Record<string, unknown> = {};
  const instances: LoadedInstance[] = [];
  const expected = new Map<string, FleetState>();
  for (let index = 0; index < count; index += 1) {
    const state = CYCLE[index % CYCLE.length] as FleetState;
    const hex = index.toString(16).padStart(8, "0");
    const guid = (kind: string) => `${hex}-${kind}000-4000-8000-${hex.padStart(12, "0")}`;
    const name = `partner-${index}`;
    const domain = `partner${index}.onmicrosoft.com`;
    const displayName = `Partner ${index} BSS`;
    const redirectUri = `https://bss.partner${index}.example/ms/consent/callback`;
    const spec: PartnerTenantSpec = {
      tenantId: guid("1"),
      instance: name,
      appId: state === "not-provisioned" ? undefined : guid("2"),
      displayName: state === "drifted" ? `${displayName} (renamed by hand)` : displayName,
      redirectUris: [redirectUri],
      agent: {
        id: guid("3"),
        upn: `admin@${domain}`,
        name: "Admin Agent",
        mfa: state !== "blocked",
        role: "AdminAgents",
      },
      others: [],
      consentedDaysAgo: state === "ready" ? 10 : undefined,
    };
    tenants[spec.tenantId] = buildPartnerTenant(spec, now);
    instances.push({
      file: `instances/${name}.yaml`,
      instance: normaliseInstance(instanceDocument(spec, domain, displayName)),
    });
    expected.set(name, state);
  }
  return {
    seed: {
      schemaVersion: 1,
      observedAt: now.toISOString(),
      tenants: tenants as ObservedSnapshot["tenants"],
    },
    instances,
    expected,
  };
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
