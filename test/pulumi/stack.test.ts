import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INDIRECT_PARTNER_OF_RECORD } from "../../src/core/bss-form/bss-form.js";
import { buildConsentUrl } from "../../src/core/consent/consent-url.js";
import type { StackOutputs } from "../../src/pulumi/define-stack.js";
import { provisionInstances } from "../../src/pulumi/provision-instances.js";
import {
  CONTOSO_SANDBOX_TENANT,
  CONTOSO_TENANT,
  EXAMPLE_INSTANCES,
  FABRIKAM_TENANT,
  instanceFiles,
  NORTHWIND_APP_ID,
  writeInstancesFolder,
} from "./instance-files.js";
import {
  CANARY_KEY,
  guidFor,
  installMocks,
  type MockedStack,
  providerIdFor,
  resolve,
} from "./pulumi-mocks.js";

const APPLICATION = "azuread:index/application:Application";
const SERVICE_PRINCIPAL = "azuread:index/servicePrincipal:ServicePrincipal";
const PASSWORD = "azuread:index/applicationPassword:ApplicationPassword";
const ROTATING = "time:index/rotating:Rotating";
const PROVIDER = "pulumi:providers:azuread";
const CREATED = ["contoso-primary", "contoso-sandbox", "fabrikam-china"];
const TENANT_OF: Record<string, string> = {
  "contoso-primary": CONTOSO_TENANT,
  "contoso-sandbox": CONTOSO_SANDBOX_TENANT,
  "fabrikam-china": FABRIKAM_TENANT,
  "northwind-primary": CONTOSO_SANDBOX_TENANT,
};

let stack: MockedStack;
let outputs: StackOutputs;
let removeFolder: () => Promise<void>;

/** Waits until every registration the outputs depend on has reached the mocked engine. */
async function settle(result: StackOutputs): Promise<void> {
  await Promise.all(
    Object.values(result.instances).flatMap((entry) => Object.values(entry).map((value) => resolve(value))),
  );
}

beforeAll(async () => {
  const folder = await writeInstancesFolder(instanceFiles(EXAMPLE_INSTANCES));
  removeFolder = folder.remove;
  stack = await installMocks();
  outputs = await provisionInstances({ instancesDir: folder.dir, cwd: folder.dir });
  await settle(outputs);
});

afterAll(async () => {
  await removeFolder();
});

const ofType = (type: string) => stack.resources.filter((resource) => resource.type === type);
const named = (type: string, name: string) => {
  const resource = ofType(type).find((candidate) => candidate.name === name);
  if (resource === undefined) throw new Error(`no ${type} named ${name}`);
  return resource;
};

describe("providers", () => {
  it("registers one azuread provider per tenant, in the tenant's cloud, signing in with OIDC", () => {
    const providers = ofType(PROVIDER).map((provider) => ({
      tenantId: provider.inputs.tenantId,
      environment: provider.inputs.environment,
      useOidc: provider.inputs.useOidc,
    }));

    expect(providers).toEqual(
      expect.arrayContaining([
        { tenantId: CONTOSO_TENANT, environment: "global", useOidc: "true" },
        { tenantId: CONTOSO_SANDBOX_TENANT, environment: "global", useOidc: "true" },
        { tenantId: FABRIKAM_TENANT, environment: "china", useOidc: "true" },
      ]),
    );
    expect(providers).toHaveLength(3);
  });

  it("puts no credential in any provider's inputs", () => {
    const inputs = ofType(PROVIDER).map((provider) => Object.keys(provider.inputs));

    for (const keys of inputs) expect(keys).not.toContain("clientSecret");
  });

  it("binds every azuread resource and lookup to its instance's tenant provider", () => {
    const azureadResources = stack.resources.filter((resource) => resource.type.startsWith("azuread:"));
    const lookups = stack.calls.filter(
      (call) => call.token === "azuread:index/getApplication:getApplication",
    );

    expect(azureadResources).toHaveLength(12);
    for (const resource of azureadResources) {
      const instance = resource.name.replace(/-key$/, "");
      const tenant = resource.name.startsWith("partner-center-")
        ? resource.name.slice("partner-center-".length)
        : TENANT_OF[instance];
      expect(resource.provider, `${resource.type} ${resource.name}`).toMatch(
        new RegExp(`::${providerIdFor(tenant ?? "?")}$`),
      );
    }
    expect(lookups.map((call) => call.provider)).toEqual([
      expect.stringMatching(new RegExp(`::${providerIdFor(CONTOSO_SANDBOX_TENANT)}$`)),
    ]);
  });
});

describe("created apps", () => {
  it("registers one app, service principal, rotation and password per created instance, none for the adopted one", () => {
    const names = (type: string) =>
      ofType(type)
        .map((resource) => resource.name)
        .sort();

    expect(names(APPLICATION)).toEqual(CREATED);
    expect(names(SERVICE_PRINCIPAL).filter((name) => !name.startsWith("partner-center-"))).toEqual(CREATED);
    expect(names(ROTATING)).toEqual(CREATED.map((name) => `${name}-key-rotation`));
    expect(names(PASSWORD)).toEqual(CREATED.map((name) => `${name}-key`));
  });

  it("declares the app as the YAML says and Microsoft's guide describes: multitenant, tagged, Web redirect URIs exactly, only Partner Center's delegated user_impersonation", () => {
    const app = named(APPLICATION, "contoso-sandbox").inputs;

    expect(app.displayName).toBe("contoso-sandbox");
    expect(app.signInAudience).toBe("AzureADMultipleOrgs");
    expect(app.tags).toEqual(["cspops", "cspops:instance:contoso-sandbox"]);
    expect(app.web).toEqual({
      redirectUris: [
        "https://bss-staging.contoso.example/ms/consent/callback",
        "http://localhost:8080/ms/consent/callback",
      ],
    });
    expect(app.requiredResourceAccesses).toEqual([
      {
        resourceAppId: "fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd",
        resourceAccesses: [{ id: "1cebfa2a-fb4d-419e-b5f9-839b4383e05a", type: "Scope" }],
      },
    ]);
    expect(named(APPLICATION, "contoso-primary").inputs.displayName).toBe(
      "Contoso BSS - Partner Center (primary)",
    );
  });

  it("makes the deploying principal owner of the app and its service principal", () => {
    const deployer = guidFor(`deployer:${named(APPLICATION, "contoso-primary").provider ?? ""}`);

    expect(named(APPLICATION, "contoso-primary").inputs.owners).toEqual([deployer]);
    expect(named(SERVICE_PRINCIPAL, "contoso-primary").inputs.owners).toEqual([deployer]);
  });

  it("gives the service principal the app's client id", () => {
    const sp = named(SERVICE_PRINCIPAL, "fabrikam-china").inputs;

    expect(sp.clientId).toBe(guidFor("application:fabrikam-china"));
  });

  it("renews the Key every rotationDays and keeps it valid 45 days past the rotation date", () => {
    const rotation = named(ROTATING, "contoso-primary-key-rotation");
    const password = named(PASSWORD, "contoso-primary-key");

    expect(rotation.inputs.rotationDays).toBe(180);
    expect(named(ROTATING, "fabrikam-china-key-rotation").inputs.rotationDays).toBe(180);
    expect(named(ROTATING, "contoso-sandbox-key-rotation").inputs.rotationDays).toBe(90);
    expect(password.inputs.rotateWhenChanged).toEqual({ rotation: "2026-01-05T09:30:00Z" });
    expect(password.inputs.applicationId).toMatch(/^\/applications\//);
    // 2026-01-05 + 180 days = 2026-07-04 (rotation date); + 45 days = 2026-08-18.
    expect(password.inputs.endDate).toBe("2026-08-18T09:30:00Z");
  });
});

describe("the Partner Center service principal", () => {
  it("is adopted when it exists and created when not, once per tenant where an app is created", () => {
    const partnerCenter = ofType(SERVICE_PRINCIPAL).filter((resource) =>
      resource.name.startsWith("partner-center-"),
    );

    expect(partnerCenter.map((resource) => resource.name).sort()).toEqual(
      [CONTOSO_TENANT, CONTOSO_SANDBOX_TENANT, FABRIKAM_TENANT]
        .map((tenant) => `partner-center-${tenant}`)
        .sort(),
    );
    for (const resource of partnerCenter) {
      expect(resource.inputs).toEqual({
        clientId: "fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd",
        useExisting: true,
      });
    }
  });
});

describe("stack output instances", () => {
  it("lists every instance with every BSS form field", async () => {
    const entries = await Promise.all(
      Object.entries(outputs.instances).map(
        async ([name, entry]) => [name, Object.keys(entry).sort()] as const,
      ),
    );

    expect(Object.keys(outputs.instances).sort()).toEqual([...CREATED, "northwind-primary"].sort());
    for (const [, keys] of entries) {
      expect(keys).toEqual(
        [
          "accountId",
          "apiUrl",
          "appId",
          "consentUrl",
          "cspStatus",
          "key",
          "keyExpiresAt",
          "partnerOfRecord",
          "tenantName",
        ].sort(),
      );
    }
  });

  it("fills a global indirect primary", async () => {
    const entry = outputs.instances["contoso-primary"]!;
    const appId = guidFor("application:contoso-primary");

    expect(await resolve(entry.apiUrl)).toBe("https://api.partnercenter.microsoft.com");
    expect(await resolve(entry.tenantName)).toBe("contoso.onmicrosoft.com");
    expect(await resolve(entry.appId)).toBe(appId);
    expect(await resolve(entry.key)).toBe(CANARY_KEY);
    expect(await resolve(entry.keyExpiresAt)).toBe("2026-08-18T09:30:00Z");
    expect(await resolve(entry.accountId)).toBe(CONTOSO_TENANT);
    expect(await resolve(entry.cspStatus)).toBe("indirect");
    expect(await resolve(entry.partnerOfRecord)).toBe(INDIRECT_PARTNER_OF_RECORD);
    expect(await resolve(entry.consentUrl)).toBe(
      buildConsentUrl({
        cloud: "global",
        tenantId: CONTOSO_TENANT,
        appId,
        redirectUri: "https://bss.contoso.example/ms/consent/callback",
        loginHint: "adele@contoso.onmicrosoft.com",
        state: "contoso-primary",
      }),
    );
  });

  it("fills a sandbox with its own tenant and its first redirect URI in the consent link", async () => {
    const entry = outputs.instances["contoso-sandbox"]!;

    expect(await resolve(entry.accountId)).toBe(CONTOSO_SANDBOX_TENANT);
    // 2026-01-05 + 90 days + 45 days = 2026-05-20.
    expect(await resolve(entry.keyExpiresAt)).toBe("2026-05-20T09:30:00Z");
    expect(await resolve(entry.consentUrl)).toContain(
      `redirect_uri=${encodeURIComponent("https://bss-staging.contoso.example/ms/consent/callback")}`,
    );
  });

  it("fills a direct CSP in China: China's endpoints, empty Partner of Record", async () => {
    const entry = outputs.instances["fabrikam-china"]!;

    expect(await resolve(entry.apiUrl)).toBe("https://partner.partnercenterapi.microsoftonline.cn");
    expect(await resolve(entry.cspStatus)).toBe("direct");
    expect(await resolve(entry.partnerOfRecord)).toBe("");
    expect(await resolve(entry.consentUrl)).toMatch(/^https:\/\/login\.chinacloudapi\.cn\/9b8a7c6d-/);
  });

  it("gives an adopted app's id and no Key", async () => {
    const entry = outputs.instances["northwind-primary"]!;

    expect(await resolve(entry.appId)).toBe(NORTHWIND_APP_ID);
    expect(entry.key).toBeNull();
    expect(entry.keyExpiresAt).toBeNull();
    expect(await resolve(entry.consentUrl)).toContain(`client_id=${NORTHWIND_APP_ID}`);
  });
});

describe("the Key", () => {
  it("is a secret", async () => {
    for (const name of CREATED) {
      const key = outputs.instances[name]!.key as pulumi.Output<string>;

      expect(await pulumi.isSecret(key), name).toBe(true);
    }
  });

  it("is the only secret: every other field shows in pulumi stack output", async () => {
    const others = Object.values(outputs.instances).flatMap((entry) =>
      Object.entries(entry).filter(([field, value]) => field !== "key" && pulumi.Output.isInstance(value)),
    );

    for (const [field, value] of others)
      expect(await pulumi.isSecret(value as pulumi.Output<unknown>), field).toBe(false);
  });

  it("appears in the serialised stack outputs only inside a secret, and in no resource input", async () => {
    const serialised = (await pulumi.runtime.serializeProperties("test", { ...outputs })) as {
      instances: Record<string, Record<string, unknown>>;
    };
    const withoutKeys = Object.values(serialised.instances).map(({ key: _key, ...rest }) => rest);
    const keys = CREATED.map((name) => serialised.instances[name]?.key);

    expect(JSON.stringify(withoutKeys)).not.toContain("canary");
    expect(keys).toEqual(
      CREATED.map(() => ({
        [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig,
        value: CANARY_KEY,
      })),
    );
    expect(JSON.stringify(stack.resources.map((resource) => resource.inputs))).not.toContain("canary");
  });
});
