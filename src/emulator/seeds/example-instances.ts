import { GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID } from "../../core/instance/identifiers.js";
import type { ObservedSnapshot } from "../../core/snapshot/snapshot.js";
import { adminAgentsGroupId, buildPartnerTenant, type PartnerTenantSpec } from "./partner-tenant.js";

const FABRIKAM_TENANT = "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

/**
 * The partner tenants of the example instances in `instances/`, seeded so that `npm start` shows
 * three states: contoso-primary is ready (consented 12 days ago; its admin agent's password changed
 * since, a warning), contoso-sandbox needs consent (its admin agent, a Global Administrator with
 * MFA, may give it), and fabrikam-china is blocked twice over: its admin agent has no MFA method,
 * and a Conditional Access policy makes administrators sign in every 12 hours, so no consent could
 * last. Each tenant also has a user who is not an admin agent.
 */
export const EXAMPLE_TENANTS: readonly PartnerTenantSpec[] = [
  {
    tenantId: "6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e",
    instance: "contoso-primary",
    appId: "1f0c7a52-8d4e-4b39-a6f1-2c8e5d9b3a71",
    displayName: "Contoso BSS - Partner Center (primary)",
    redirectUris: ["https://bss.contoso.example/ms/consent/callback"],
    agent: {
      id: "4e8f2a6c-1b3d-4f5a-8c7e-9d0b1a2c3e4f",
      upn: "adele@contoso.onmicrosoft.com",
      name: "Adele Vance",
      mfa: true,
      role: "AdminAgents",
      passwordChangedDaysAgo: 4,
    },
    others: [
      {
        id: "5a9e3b7d-2c4e-4a6b-9d8f-0e1c2b3d4f5a",
        upn: "megan@contoso.onmicrosoft.com",
        name: "Megan Bowen",
        mfa: true,
        role: "none",
      },
    ],
    consentedDaysAgo: 12,
  },
  {
    tenantId: "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
    instance: "contoso-sandbox",
    appId: "8b2d4f6a-0c1e-4a3b-9d5f-7e9a1b3c5d7f",
    displayName: "Contoso BSS - Partner Center (sandbox)",
    redirectUris: [
      "https://bss-staging.contoso.example/ms/consent/callback",
      "http://localhost:8080/ms/consent/callback",
    ],
    agent: {
      id: "6b0f4c8e-3d5f-4b7c-8e9a-1f2d3c4b5a6e",
      upn: "sandbox-admin@contosotip.onmicrosoft.com",
      name: "Sandbox Admin",
      mfa: true,
      role: "GlobalAdministrator",
    },
    others: [
      {
        id: "7c1a5d9f-4e6a-4c8d-9f0b-2a3e4d5c6b7f",
        upn: "tester@contosotip.onmicrosoft.com",
        name: "Test User",
        mfa: true,
        role: "none",
      },
    ],
    consentedDaysAgo: undefined,
  },
  {
    tenantId: FABRIKAM_TENANT,
    instance: "fabrikam-china",
    appId: "2e4a6c8e-1f3b-4d5a-8e7c-9b1d3f5a7c9e",
    displayName: "Fabrikam BSS - Partner Center (China)",
    redirectUris: ["https://bss.fabrikam.example.cn/ms/consent/callback"],
    agent: {
      id: "8d2b6e0a-5f7b-4d9e-8a1c-3b4f5e6d7c8a",
      upn: "li.wei@fabrikamcn.partner.onmschina.cn",
      name: "Li Wei",
      mfa: false,
      role: "AdminAgents",
    },
    others: [
      {
        id: "9e3c7f1b-6a8c-4e0f-9b2d-4c5a6f7e8d9b",
        upn: "zhang.min@fabrikamcn.partner.onmschina.cn",
        name: "Zhang Min",
        mfa: true,
        role: "none",
      },
    ],
    consentedDaysAgo: undefined,
    conditionalAccessPolicies: [
      {
        id: "c4a1e7d2-9b3f-4e6a-8d5c-2f7b1a9e3c60",
        displayName: "Administrators: sign in every 12 hours",
        state: "enabled",
        includeGroups: [adminAgentsGroupId(FABRIKAM_TENANT)],
        includeRoles: [GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID],
        includeApplications: ["All"],
        signInEveryHours: 12,
      },
    ],
  },
];

/** The emulator seed for the example instances, in the snapshot format (docs/snapshot.md). */
export function buildExampleSeed(now: Date): ObservedSnapshot {
  return {
    schemaVersion: 1,
    observedAt: now.toISOString(),
    tenants: Object.fromEntries(
      EXAMPLE_TENANTS.map((spec) => [spec.tenantId, buildPartnerTenant(spec, now)]),
    ),
  };
}
