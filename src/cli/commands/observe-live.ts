import { createDefaultCredential } from "../../adapters/graph/create-credential.js";
import type { DirectoryObserver, ObserveOptions } from "../../adapters/graph/directory-observer.js";
import {
  authorityHostFor,
  graphUrlFor,
  readGraphEndpointOverrides,
} from "../../adapters/graph/graph-endpoints.js";
import { createGraphObserver } from "../../adapters/graph/graph-observer.js";
import { ServiceError } from "../../core/diagnostics/errors.js";
import type { LoadedInstance } from "../../core/instance/instance.js";
import type { ObservedSnapshot } from "../../core/snapshot/snapshot.js";
import type { CliContext } from "../context.js";
import { noCredentialError, type OfflineGuidanceOptions } from "../offline-guidance.js";
import { createProgressReporter } from "./observe-progress.js";

/** Environment variables whose values are credentials: scrubbed from anything the observer reports. */
const SECRET_VARIABLES = [
  "AZURE_CLIENT_SECRET",
  "AZURE_CLIENT_CERTIFICATE_PASSWORD",
  "AZURE_PASSWORD",
  "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
  "GITHUB_TOKEN",
];

/**
 * Wires the Graph observer from the environment (composition root): `DefaultAzureCredential` per
 * tenant, `CSPOPS_AUTHORITY_HOST` / `CSPOPS_GRAPH_URL` for a stand-in such as the emulator (whose
 * CA the process trusts through `NODE_EXTRA_CA_CERTS`). `DefaultAzureCredential` itself reads
 * `process.env` (AZURE_*): the SDK offers no way to hand it another environment.
 */
function createLiveObserver(context: CliContext): DirectoryObserver {
  const overrides = readGraphEndpointOverrides(context.env);
  return createGraphObserver({
    credentialFor: ({ cloud, tenantId, agent }) =>
      createDefaultCredential(tenantId, {
        authorityHost: authorityHostFor(overrides, cloud),
        customAuthority: overrides.authorityHost !== undefined,
        agent,
      }),
    graphUrlFor: (cloud) => graphUrlFor(overrides, cloud),
    knownSecrets: SECRET_VARIABLES.flatMap((name) => context.env[name] ?? []),
  });
}

/**
 * Observes the instances' tenants live, with progress on stderr for long runs. When no credential
 * of the chain could get a token, the chain's long account becomes the `--verbose` detail of one
 * short message that says what to do.
 */
export async function observeLive(
  instances: readonly LoadedInstance[],
  context: CliContext,
  guidance: OfflineGuidanceOptions,
  observer: DirectoryObserver = createLiveObserver(context),
  options: Omit<ObserveOptions, "onProgress"> = {},
): Promise<ObservedSnapshot> {
  const progress = createProgressReporter(context.stderr);
  try {
    return await observer.observeTenants(instances, { ...options, onProgress: progress.update });
  } catch (error) {
    if (error instanceof ServiceError && error.code === "CredentialUnavailable") {
      throw noCredentialError(context, guidance, { searched: false, detail: error.message });
    }
    throw error;
  } finally {
    progress.finish();
  }
}
