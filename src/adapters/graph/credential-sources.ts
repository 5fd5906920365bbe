import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** What of the machine `findCredentialSources` looks at; tests pass their own. */
export interface CredentialMachine {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  readonly platform: NodeJS.Platform;
  readonly exists: (path: string) => boolean;
  readonly readText: (path: string) => string | undefined;
}

/**
 * Variables any credential of `DefaultAzureCredential`'s chain reads: the environment credential,
 * workload identity (OIDC), and the managed identities of App Service, Functions, Container Apps,
 * Arc, Service Fabric and pod identity.
 */
const CREDENTIAL_VARIABLES = [
  "AZURE_CLIENT_ID",
  "AZURE_TENANT_ID",
  "AZURE_CLIENT_SECRET",
  "AZURE_CLIENT_CERTIFICATE_PATH",
  "AZURE_FEDERATED_TOKEN_FILE",
  "AZURE_USERNAME",
  "IDENTITY_ENDPOINT",
  "MSI_ENDPOINT",
  "IMDS_ENDPOINT",
  "AZURE_POD_IDENTITY_AUTHORITY_HOST",
] as const;

/** Azure's asset tag in a virtual machine's DMI data: an Azure VM may have a managed identity. */
const AZURE_ASSET_TAG = "7783-7084-3265-9085-8269-3286-77";
const ASSET_TAG_FILE = "/sys/class/dmi/id/chassis_asset_tag";

/**
 * The places `DefaultAzureCredential` could get a token from on this machine, found without a
 * network request: credential variables, the sign-in folders of the Azure CLI, the Azure Developer
 * CLI and Azure PowerShell, and an Azure virtual machine (whose managed identity needs no variable).
 * Empty means nothing is configured, so the chain's probes (the managed identity endpoint alone
 * waits about two seconds) can be skipped. On Windows an Azure VM cannot be ruled out this way, so
 * the answer is never empty there.
 */
export function findCredentialSources(machine: CredentialMachine): string[] {
  const sources: string[] = CREDENTIAL_VARIABLES.filter(
    (name) => (machine.env[name]?.trim() ?? "") !== "",
  ).map((name) => `${name} is set`);
  const folders = [
    ["Azure CLI", machine.env.AZURE_CONFIG_DIR ?? join(machine.homeDir, ".azure")],
    ["Azure Developer CLI", machine.env.AZD_CONFIG_DIR ?? join(machine.homeDir, ".azd")],
    ["Azure PowerShell", join(machine.homeDir, ".Azure")],
  ] as const;
  for (const [tool, folder] of folders) {
    if (machine.exists(folder)) sources.push(`${tool} folder ${folder}`);
  }
  if (machine.platform === "win32") sources.push("Windows (a managed identity cannot be ruled out)");
  else if (machine.platform === "linux" && machine.readText(ASSET_TAG_FILE)?.trim() === AZURE_ASSET_TAG) {
    sources.push("an Azure virtual machine (managed identity)");
  }
  return sources;
}

/** What `findCredentialSources` looked for, for `--verbose`. */
export function describeCredentialSearch(): string {
  return (
    `looked for ${CREDENTIAL_VARIABLES.join(", ")}, the folders of the Azure CLI (~/.azure or ` +
    "AZURE_CONFIG_DIR), the Azure Developer CLI (~/.azd or AZD_CONFIG_DIR) and Azure PowerShell " +
    "(~/.Azure), and an Azure virtual machine; found none, so DefaultAzureCredential was not tried"
  );
}

/** This machine, with the environment the CLI was given. */
export function thisMachine(env: CredentialMachine["env"]): CredentialMachine {
  return {
    env,
    homeDir: homedir(),
    platform: process.platform,
    exists: existsSync,
    readText: (path) => {
      try {
        return readFileSync(path, "utf8");
      } catch {
        return undefined;
      }
    },
  };
}
