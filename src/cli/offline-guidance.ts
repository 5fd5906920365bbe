import { existsSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import {
  describeCredentialSearch,
  findCredentialSources,
  thisMachine,
} from "../adapters/graph/credential-sources.js";
import { ServiceError } from "../core/diagnostics/errors.js";
import type { CliContext } from "./context.js";

/** The snapshot of the example instances that ships with cspops (docs/snapshot.md). */
const EXAMPLE_SNAPSHOT = fileURLToPath(new URL("../../examples/snapshot.json", import.meta.url));

export interface OfflineGuidanceOptions {
  /** True when the command takes `--observed FILE` (all live commands but `observe`). */
  readonly takesObserved: boolean;
}

/**
 * Fails at once, before Graph or @azure/identity is loaded, when this machine has no Azure
 * credential of any kind: no token can be had, and the credential chain would first spend about
 * two seconds probing for a managed identity.
 */
export function requireAzureCredential(context: CliContext, options: OfflineGuidanceOptions): void {
  if (findCredentialSources(thisMachine(context.env)).length > 0) return;
  throw noCredentialError(context, options, { searched: true, detail: describeCredentialSearch() });
}

/**
 * The one short message for "no credential could get a token": what to do offline and what to set
 * for a real tenant or the emulator. `detail` (the credential chain's own words) shows with --verbose.
 */
export function noCredentialError(
  context: CliContext,
  options: OfflineGuidanceOptions,
  failure: { readonly searched: boolean; readonly detail: string },
): ServiceError {
  const example = displayPath(EXAMPLE_SNAPSHOT, context.cwd);
  const offline = options.takesObserved
    ? `add --observed ${example} (a snapshot of the example instances) or any file \`cspops observe --out\` wrote`
    : `\`cspops reconcile --observed ${example}\` plans from a snapshot of the example instances instead`;
  const message = failure.searched
    ? "no Azure credential is configured, so Microsoft Graph cannot be read"
    : "no Azure credential could get a token, so Microsoft Graph cannot be read";
  return new ServiceError("Microsoft Entra ID", message, {
    code: "CredentialUnavailable",
    hint: [
      `without a cloud account: ${offline}, or run \`npm start\` (the whole loop against a local emulator)`,
      "        a real tenant: set AZURE_CLIENT_ID and AZURE_TENANT_ID with AZURE_FEDERATED_TOKEN_FILE (workload identity) or AZURE_CLIENT_SECRET, or run `az login`",
      "        the emulator (node dist/emulator/main.js): load the file it prints, which sets CSPOPS_AUTHORITY_HOST, CSPOPS_GRAPH_URL and AZURE_*",
    ].join("\n"),
    detail: failure.detail,
  });
}

/** Relative to the working directory when the file is below it, else absolute. */
function displayPath(path: string, cwd: string): string {
  if (!existsSync(path)) return "FILE";
  const below = relative(cwd, path);
  return below.startsWith("..") || below === "" ? path : below;
}
