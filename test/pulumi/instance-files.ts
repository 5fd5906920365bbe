import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export interface InstanceFileOptions {
  readonly name: string;
  readonly environment?: "primary" | "sandbox";
  readonly sandboxOf?: string;
  readonly cloud?: "global" | "china";
  readonly tenantId: string;
  readonly defaultDomain: string;
  readonly cspStatus: "direct" | "indirect";
  readonly displayName?: string;
  readonly redirectUris: readonly string[];
  readonly rotationDays?: number;
  readonly existingAppId?: string;
  readonly adminAgent: string;
}

/** An instance file in the documented YAML format (docs/instance-yaml.md). */
export function instanceYaml(options: InstanceFileOptions): string {
  const lines = [
    "apiVersion: cspops/v1",
    "kind: PartnerInstance",
    "metadata:",
    `  name: ${options.name}`,
    "spec:",
    `  environment: ${options.environment ?? "primary"}`,
    ...(options.sandboxOf === undefined ? [] : [`  sandboxOf: ${options.sandboxOf}`]),
    `  cloud: ${options.cloud ?? "global"}`,
    "  partner:",
    `    tenantId: ${options.tenantId}`,
    `    defaultDomain: ${options.defaultDomain}`,
    `    cspStatus: ${options.cspStatus}`,
    "  app:",
    ...(options.displayName === undefined ? [] : [`    displayName: ${JSON.stringify(options.displayName)}`]),
    "    redirectUris:",
    ...options.redirectUris.map((uri) => `      - ${uri}`),
    ...(options.rotationDays === undefined
      ? []
      : ["    secret:", `      rotationDays: ${options.rotationDays}`]),
    ...(options.existingAppId === undefined ? [] : [`    existingAppId: ${options.existingAppId}`]),
    "  consent:",
    `    adminAgent: ${options.adminAgent}`,
  ];
  return `${lines.join("\n")}\n`;
}

/** A temporary folder holding the given files (name → text); `remove` deletes it. */
export async function writeInstancesFolder(
  files: Readonly<Record<string, string>>,
): Promise<{ readonly dir: string; readonly remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "cspops-pulumi-"));
  await Promise.all(Object.entries(files).map(([file, text]) => writeFile(path.join(dir, file), text)));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export const CONTOSO_TENANT = "6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e";
export const CONTOSO_SANDBOX_TENANT = "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
export const FABRIKAM_TENANT = "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
export const NORTHWIND_TENANT = "0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a";
export const NORTHWIND_APP_ID = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9";

/**
 * Four instances covering a primary and its sandbox (indirect, global), a direct CSP in China, and an
 * app adopted by hand that shares the sandbox's tenant: three tenants, so three providers.
 */
export const EXAMPLE_INSTANCES: readonly InstanceFileOptions[] = [
  {
    name: "contoso-primary",
    tenantId: CONTOSO_TENANT,
    defaultDomain: "contoso.onmicrosoft.com",
    cspStatus: "indirect",
    displayName: "Contoso BSS - Partner Center (primary)",
    redirectUris: ["https://bss.contoso.example/ms/consent/callback"],
    rotationDays: 180,
    adminAgent: "adele@contoso.onmicrosoft.com",
  },
  {
    name: "contoso-sandbox",
    environment: "sandbox",
    sandboxOf: "contoso-primary",
    tenantId: CONTOSO_SANDBOX_TENANT,
    defaultDomain: "contosotip.onmicrosoft.com",
    cspStatus: "indirect",
    redirectUris: [
      "https://bss-staging.contoso.example/ms/consent/callback",
      "http://localhost:8080/ms/consent/callback",
    ],
    rotationDays: 90,
    adminAgent: "sandbox-admin@contosotip.onmicrosoft.com",
  },
  {
    name: "fabrikam-china",
    cloud: "china",
    tenantId: FABRIKAM_TENANT,
    defaultDomain: "fabrikamcn.partner.onmschina.cn",
    cspStatus: "direct",
    redirectUris: ["https://bss.fabrikam.example.cn/ms/consent/callback"],
    adminAgent: "li.wei@fabrikamcn.partner.onmschina.cn",
  },
  {
    name: "northwind-primary",
    tenantId: CONTOSO_SANDBOX_TENANT,
    defaultDomain: "northwind.onmicrosoft.com",
    cspStatus: "direct",
    redirectUris: ["https://bss.northwind.example/ms/consent/callback"],
    existingAppId: NORTHWIND_APP_ID,
    adminAgent: "admin@northwind.onmicrosoft.com",
  },
];

export function instanceFiles(instances: readonly InstanceFileOptions[]): Record<string, string> {
  return Object.fromEntries(instances.map((instance) => [`${instance.name}.yaml`, instanceYaml(instance)]));
}
