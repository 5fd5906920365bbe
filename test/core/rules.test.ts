import { describe, expect, it } from "vitest";
import { checkAdminAgentTenant } from "../../src/core/rules/admin-agent-other-tenant.js";
import { checkExistingAppNotShared } from "../../src/core/rules/app-shared.js";
import { checkDomainMatchesCloud } from "../../src/core/rules/domain-cloud-mismatch.js";
import { readInstanceFacts } from "../../src/core/rules/instance-facts.js";
import { indexInstances } from "../../src/core/rules/instance-index.js";
import { checkDuplicateNames } from "../../src/core/rules/name-duplicate.js";
import { checkFileNameMatchesName } from "../../src/core/rules/name-file-mismatch.js";
import { checkSandboxCloudMatches } from "../../src/core/rules/pairing-cloud-mismatch.js";
import { checkOneSandboxPerPrimary } from "../../src/core/rules/pairing-multiple-sandboxes.js";
import { checkPrimaryHasSandbox } from "../../src/core/rules/pairing-no-sandbox.js";
import { checkSandboxOfIsPrimary } from "../../src/core/rules/pairing-not-a-primary.js";
import { checkSandboxAdminAgentDiffers } from "../../src/core/rules/pairing-same-admin-agent.js";
import { checkSandboxTenantDiffers } from "../../src/core/rules/pairing-same-tenant.js";
import { checkSandboxPrimaryExists } from "../../src/core/rules/pairing-unknown-primary.js";
import { checkRedirectsAreUnique } from "../../src/core/rules/redirect-duplicate.js";
import { checkRedirectHasNoFragment } from "../../src/core/rules/redirect-fragment.js";
import { checkNoLocalhostInPrimary } from "../../src/core/rules/redirect-localhost-in-primary.js";
import { checkRedirectIsAbsolute } from "../../src/core/rules/redirect-not-absolute.js";
import { checkRedirectIsHttps } from "../../src/core/rules/redirect-not-https.js";
import { checkRedirectHasNoWildcard } from "../../src/core/rules/redirect-wildcard.js";
import type { InstanceRule } from "../../src/core/rules/rule.js";
import { checkTenantNotShared } from "../../src/core/rules/tenant-shared.js";

interface Spec {
  readonly name?: string;
  readonly environment?: "primary" | "sandbox";
  readonly sandboxOf?: string;
  readonly cloud?: string;
  readonly tenantId?: string;
  readonly defaultDomain?: string;
  readonly adminAgent?: string;
  readonly existingAppId?: string;
  readonly redirectUris?: readonly string[];
}

const PRIMARY_TENANT = "6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e";
const SANDBOX_TENANT = "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";

/** Builds the parsed data of one instance file, primary by default. */
function instance(spec: Spec = {}): { file: string; data: unknown } {
  const name = spec.name ?? "contoso-primary";
  return {
    file: `instances/${name}.yaml`,
    data: {
      metadata: { name },
      spec: {
        environment: spec.environment ?? "primary",
        ...(spec.sandboxOf === undefined ? {} : { sandboxOf: spec.sandboxOf }),
        cloud: spec.cloud ?? "global",
        partner: {
          tenantId: spec.tenantId ?? PRIMARY_TENANT,
          defaultDomain: spec.defaultDomain ?? "contoso.onmicrosoft.com",
          cspStatus: "indirect",
        },
        app: {
          redirectUris: spec.redirectUris ?? ["https://bss.contoso.example/cb"],
          ...(spec.existingAppId === undefined ? {} : { existingAppId: spec.existingAppId }),
        },
        consent: { adminAgent: spec.adminAgent ?? "adele@contoso.onmicrosoft.com" },
      },
    },
  };
}

function sandbox(spec: Spec = {}): { file: string; data: unknown } {
  return instance({
    name: "contoso-sandbox",
    environment: "sandbox",
    sandboxOf: "contoso-primary",
    tenantId: SANDBOX_TENANT,
    defaultDomain: "contosotip.onmicrosoft.com",
    adminAgent: "tip@contosotip.onmicrosoft.com",
    ...spec,
  });
}

function run(rule: InstanceRule, files: readonly { file: string; data: unknown }[]): string[] {
  const set = indexInstances(files.map(({ file, data }) => readInstanceFacts(file, data)));
  return rule(set).map((finding) => `${finding.file} ${finding.severity} ${finding.code} ${finding.pointer}`);
}

const pair = [instance(), sandbox()];

describe.each<[string, InstanceRule, { file: string; data: unknown }[], string[]]>([
  // name.duplicate
  ["a unique name", checkDuplicateNames, pair, []],
  [
    "a name declared twice",
    checkDuplicateNames,
    [instance(), { ...instance({ tenantId: SANDBOX_TENANT }), file: "instances/copy.yaml" }],
    ["instances/copy.yaml error name.duplicate /metadata/name"],
  ],
  // name.file-mismatch
  ["a file named after its instance", checkFileNameMatchesName, pair, []],
  [
    "a file named otherwise",
    checkFileNameMatchesName,
    [{ ...instance(), file: "instances/live.yml" }],
    ["instances/live.yml warning name.file-mismatch /metadata/name"],
  ],
  // pairing.unknown-primary
  ["a sandbox of an existing primary", checkSandboxPrimaryExists, pair, []],
  [
    "a sandbox of a missing primary",
    checkSandboxPrimaryExists,
    [instance(), sandbox({ sandboxOf: "contoso-live" })],
    ["instances/contoso-sandbox.yaml error pairing.unknown-primary /spec/sandboxOf"],
  ],
  // pairing.not-a-primary
  ["a sandbox of a primary", checkSandboxOfIsPrimary, pair, []],
  [
    "a sandbox of a sandbox",
    checkSandboxOfIsPrimary,
    [
      ...pair,
      sandbox({
        name: "other-sandbox",
        sandboxOf: "contoso-sandbox",
        tenantId: "11111111-2222-4333-8444-555555555555",
      }),
    ],
    ["instances/other-sandbox.yaml error pairing.not-a-primary /spec/sandboxOf"],
  ],
  [
    "a sandbox of itself",
    checkSandboxOfIsPrimary,
    [sandbox({ sandboxOf: "contoso-sandbox" })],
    ["instances/contoso-sandbox.yaml error pairing.not-a-primary /spec/sandboxOf"],
  ],
  // pairing.multiple-sandboxes
  ["one sandbox per primary", checkOneSandboxPerPrimary, pair, []],
  [
    "two sandboxes of one primary",
    checkOneSandboxPerPrimary,
    [...pair, sandbox({ name: "second-sandbox", tenantId: "11111111-2222-4333-8444-555555555555" })],
    ["instances/second-sandbox.yaml error pairing.multiple-sandboxes /spec/sandboxOf"],
  ],
  // pairing.same-tenant
  ["a sandbox with its own tenant", checkSandboxTenantDiffers, pair, []],
  [
    "a sandbox in its primary's tenant (any case)",
    checkSandboxTenantDiffers,
    [instance(), sandbox({ tenantId: PRIMARY_TENANT.toUpperCase() })],
    ["instances/contoso-sandbox.yaml error pairing.same-tenant /spec/partner/tenantId"],
  ],
  // pairing.same-admin-agent
  ["a sandbox with its own admin agent", checkSandboxAdminAgentDiffers, pair, []],
  [
    "a sandbox with its primary's admin agent (any case)",
    checkSandboxAdminAgentDiffers,
    [instance(), sandbox({ adminAgent: "Adele@Contoso.onmicrosoft.com" })],
    ["instances/contoso-sandbox.yaml error pairing.same-admin-agent /spec/consent/adminAgent"],
  ],
  // pairing.cloud-mismatch
  ["a pair in one cloud", checkSandboxCloudMatches, pair, []],
  [
    "a sandbox in another cloud",
    checkSandboxCloudMatches,
    [instance(), sandbox({ cloud: "china" })],
    ["instances/contoso-sandbox.yaml error pairing.cloud-mismatch /spec/cloud"],
  ],
  // pairing.no-sandbox
  ["a primary with its sandbox", checkPrimaryHasSandbox, pair, []],
  [
    "a primary alone",
    checkPrimaryHasSandbox,
    [instance()],
    ["instances/contoso-primary.yaml warning pairing.no-sandbox /spec/environment"],
  ],
  // tenant.shared
  ["a primary and its sandbox", checkTenantNotShared, pair, []],
  [
    "two primaries of one tenant",
    checkTenantNotShared,
    [instance(), instance({ name: "contoso-other" })],
    ["instances/contoso-other.yaml error tenant.shared /spec/partner/tenantId"],
  ],
  // app.shared
  ["apps created by Pulumi", checkExistingAppNotShared, pair, []],
  [
    "two instances adopting one app",
    checkExistingAppNotShared,
    [
      instance({ existingAppId: "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b" }),
      sandbox({ existingAppId: "0F1E2D3C-4B5A-6978-8A9B-0C1D2E3F4A5B" }),
    ],
    ["instances/contoso-sandbox.yaml error app.shared /spec/app/existingAppId"],
  ],
  // domain.cloud-mismatch
  ["a global domain in the global cloud", checkDomainMatchesCloud, pair, []],
  [
    "a China domain in the global cloud",
    checkDomainMatchesCloud,
    [instance({ defaultDomain: "contoso.partner.onmschina.cn" })],
    ["instances/contoso-primary.yaml error domain.cloud-mismatch /spec/partner/defaultDomain"],
  ],
  [
    "a global domain in the China cloud",
    checkDomainMatchesCloud,
    [instance({ cloud: "china" })],
    ["instances/contoso-primary.yaml error domain.cloud-mismatch /spec/partner/defaultDomain"],
  ],
  // consent.admin-agent-other-tenant
  [
    "an admin agent of the tenant, or on a custom domain",
    checkAdminAgentTenant,
    [instance({ adminAgent: "adele@contoso.com" })],
    [],
  ],
  [
    "an admin agent of another tenant",
    checkAdminAgentTenant,
    [instance({ adminAgent: "adele@fabrikam.onmicrosoft.com" })],
    ["instances/contoso-primary.yaml warning consent.admin-agent-other-tenant /spec/consent/adminAgent"],
  ],
  // redirect.*
  [
    "absolute https and loopback http URIs",
    checkRedirectIsHttps,
    [
      instance({
        redirectUris: [
          "https://a.example/cb",
          "http://localhost:8080/cb",
          "http://127.0.0.1/cb",
          "http://[::1]:3000/cb",
        ],
      }),
    ],
    [],
  ],
  [
    "plain http and custom schemes",
    checkRedirectIsHttps,
    [instance({ redirectUris: ["http://a.example/cb", "ftp://a.example/cb", "https://ok.example/cb"] })],
    [
      "instances/contoso-primary.yaml error redirect.not-https /spec/app/redirectUris/0",
      "instances/contoso-primary.yaml error redirect.not-https /spec/app/redirectUris/1",
    ],
  ],
  [
    "relative and scheme-less URIs",
    checkRedirectIsAbsolute,
    [
      instance({
        redirectUris: ["/cb", "a.example/cb", "https://", "https://ok.example", "https://a b.example/"],
      }),
    ],
    [
      "instances/contoso-primary.yaml error redirect.not-absolute /spec/app/redirectUris/0",
      "instances/contoso-primary.yaml error redirect.not-absolute /spec/app/redirectUris/1",
      "instances/contoso-primary.yaml error redirect.not-absolute /spec/app/redirectUris/2",
      "instances/contoso-primary.yaml error redirect.not-absolute /spec/app/redirectUris/4",
    ],
  ],
  [
    "a wildcard",
    checkRedirectHasNoWildcard,
    [instance({ redirectUris: ["https://*.a.example/cb", "https://a.example/cb"] })],
    ["instances/contoso-primary.yaml error redirect.wildcard /spec/app/redirectUris/0"],
  ],
  [
    "a fragment",
    checkRedirectHasNoFragment,
    [instance({ redirectUris: ["https://a.example/cb#x", "https://a.example/cb?x=1"] })],
    ["instances/contoso-primary.yaml error redirect.fragment /spec/app/redirectUris/0"],
  ],
  [
    "one URI spelt two ways (exact repeats are the schema's)",
    checkRedirectsAreUnique,
    [
      instance({
        redirectUris: [
          "https://a.example/cb",
          "https://a.example/cb",
          "HTTPS://A.example:443/cb",
          "https://a.example/cb/",
        ],
      }),
    ],
    ["instances/contoso-primary.yaml error redirect.duplicate /spec/app/redirectUris/2"],
  ],
  [
    "localhost on the live account",
    checkNoLocalhostInPrimary,
    [
      instance({ redirectUris: ["https://a.example/cb", "http://localhost/cb"] }),
      sandbox({ redirectUris: ["http://localhost/cb"] }),
    ],
    ["instances/contoso-primary.yaml warning redirect.localhost-in-primary /spec/app/redirectUris/1"],
  ],
])("%s", (_case, rule, files, expected) => {
  it(`${rule.name} reports ${expected.length === 0 ? "nothing" : expected.length}`, () => {
    const findings = run(rule, files);

    expect(findings).toEqual(expected);
  });
});

describe("rule messages", () => {
  it("suggest the nearest primary for a misspelt sandboxOf", () => {
    const set = indexInstances(
      [instance(), sandbox({ sandboxOf: "contoso-primery" })].map(({ file, data }) =>
        readInstanceFacts(file, data),
      ),
    );

    const [finding] = checkSandboxPrimaryExists(set);

    expect(finding?.message).toBe("sandboxOf names 'contoso-primery', which no file declares");
    expect(finding?.hint).toBe("did you mean 'contoso-primary'?");
  });

  it("leave out values the schema already rejected, so no rule complains twice", () => {
    const facts = readInstanceFacts(sandbox().file, sandbox().data, new Set(["/spec/sandboxOf"]));

    const findings = checkSandboxPrimaryExists(indexInstances([facts]));

    expect(findings).toEqual([]);
  });
});
