import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ObservedSnapshot } from "../core/snapshot/snapshot.js";
import {
  type ConsentLanding,
  createEmulatorState,
  type EmulatorState,
  findTenant,
} from "./emulator-state.js";
import { handleEntra, matchEntraRoute } from "./entra/entra-handler.js";
import { type FaultOptions, withFaults } from "./faults.js";
import { handleGraph } from "./graph/graph-handler.js";
import type { RecordedGraphExchange } from "./graph/graph-reply.js";
import { sendJson } from "./http-io.js";
import { generateEmulatorCertificate } from "./tls-certificate.js";

export interface EmulatorOptions {
  /** Initial directory state, in the observed-snapshot format (docs/snapshot.md). */
  readonly seed: ObservedSnapshot;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Daemon apps that may use the client-credentials grant: client id → secret. Default: one random. */
  readonly clients?: Readonly<Record<string, string>>;
  /** Largest page of a Graph collection (Graph's default 100); small values exercise paging. */
  readonly pageSize?: number;
  /** Faults on Graph requests and on each `$batch` sub-request; the object may change later. */
  readonly graphFaults?: FaultOptions;
  /** Faults on the Entra endpoints (discovery and token). */
  readonly entraFaults?: FaultOptions;
  /** Per tenant: deny Graph access (403), answer slowly, or throttle (429) its next requests. */
  readonly tenants?: Readonly<Record<string, EmulatedTenantSettings>>;
  readonly now?: () => Date;
  /**
   * After Accept or Cancel on the consent page: the emulator's result page (default), which says
   * where the browser was sent and what the BSS does next, or a plain redirect to the redirect URI.
   */
  readonly consentLanding?: ConsentLanding;
  /** Sees every Graph request and answer, `$batch` sub-requests included (contract tests). */
  readonly recordGraph?: (exchange: RecordedGraphExchange) => void;
}

/** How one tenant's Graph misbehaves. */
export interface EmulatedTenantSettings {
  readonly forbidden?: boolean;
  readonly latencyMs?: number;
  /** Its first `requests` Graph requests are answered 429 with `Retry-After: retryAfterSeconds`. */
  readonly throttle?: { readonly requests: number; readonly retryAfterSeconds: number };
}

/** A running emulator of Microsoft Entra ID and Microsoft Graph on one HTTPS origin. */
export interface RunningEmulator {
  /** For `CSPOPS_AUTHORITY_HOST` / the credential's `authorityHost`. */
  readonly authorityHost: string;
  /** For `CSPOPS_GRAPH_URL` (the emulator serves `/v1.0` and `/beta`). */
  readonly graphUrl: string;
  readonly caCertPem: string;
  /** The CA certificate written to a temporary file, for `NODE_EXTRA_CA_CERTS`. */
  readonly caFile: string;
  /**
   * A file (mode 600) of `NAME=value` lines that point cspops at the emulator: CSPOPS_AUTHORITY_HOST,
   * CSPOPS_GRAPH_URL, NODE_EXTRA_CA_CERTS and the daemon app's AZURE_TENANT_ID, AZURE_CLIENT_ID,
   * AZURE_CLIENT_SECRET. Load it with `set -a; . FILE; set +a`: the secret is never printed.
   */
  readonly envFile: string;
  /** The same variables, for a child process's environment. */
  readonly environment: Readonly<Record<string, string>>;
  /** base64 SHA-256 of the server key, for Chromium's `--ignore-certificate-errors-spki-list`. */
  readonly spkiSha256: string;
  /** The first daemon app: what a `ClientSecretCredential` signs in with. */
  readonly client: { readonly clientId: string; readonly clientSecret: string };
  readonly state: EmulatorState;
  readonly graphFaults: FaultOptions;
  readonly entraFaults: FaultOptions;
  close(): Promise<void>;
}

/** Starts the emulator on 127.0.0.1 with a certificate generated for this run. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const clients = options.clients ?? { [randomUUID()]: randomBytes(24).toString("base64url") };
  const [clientId, clientSecret] = Object.entries(clients)[0] ?? ["", ""];
  const state = createEmulatorState(options.seed, {
    clients,
    ...(options.now ? { now: options.now } : {}),
    ...(options.consentLanding ? { consentLanding: options.consentLanding } : {}),
  });
  for (const [tenantId, settings] of Object.entries(options.tenants ?? {})) {
    const tenant = findTenant(state, tenantId);
    if (tenant === undefined) continue;
    tenant.forbidden = settings.forbidden ?? tenant.forbidden;
    tenant.latencyMs = settings.latencyMs ?? tenant.latencyMs;
    if (settings.throttle !== undefined) {
      tenant.throttle.remaining = settings.throttle.requests;
      tenant.throttle.retryAfterSeconds = settings.throttle.retryAfterSeconds;
    }
  }
  const graphFaults = options.graphFaults ?? {};
  const entraFaults = options.entraFaults ?? {};
  const pageSize = options.pageSize ?? 100;

  const guard =
    (work: (request: IncomingMessage, response: ServerResponse) => Promise<void>) =>
    (request: IncomingMessage, response: ServerResponse) => {
      work(request, response).catch(() => {
        if (!response.headersSent)
          sendJson(response, 500, { error: { code: "InternalServerError", message: "emulator error" } });
        else response.destroy();
      });
    };
  const urlOf = (request: IncomingMessage) =>
    new URL(request.url ?? "/", `https://${request.headers.host ?? "127.0.0.1"}`);
  const graph = withFaults(
    guard((request, response) =>
      handleGraph(request, response, urlOf(request), {
        state,
        pageSize,
        faults: graphFaults,
        record: options.recordGraph,
      }),
    ),
    graphFaults,
    true,
  );
  const entra = withFaults(
    guard(async (request, response) => {
      const url = urlOf(request);
      const target = matchEntraRoute(url.pathname);
      if (target === undefined) return notFound(response);
      await handleEntra(request, response, url, target, state);
    }),
    entraFaults,
  );

  const certificate = await generateEmulatorCertificate();
  const server: Server = createServer(
    { key: certificate.keyPem, cert: certificate.certPem },
    (request, response) => {
      const { pathname } = urlOf(request);
      if (pathname.startsWith("/v1.0/") || pathname.startsWith("/beta/")) return graph(request, response);
      if (matchEntraRoute(pathname) !== undefined) return entra(request, response);
      notFound(response);
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const folder = await mkdtemp(join(tmpdir(), "cspops-emulator-"));
  const caFile = join(folder, "ca.pem");
  await writeFile(caFile, certificate.caCertPem, { mode: 0o644 });
  const environment = {
    CSPOPS_AUTHORITY_HOST: origin,
    CSPOPS_GRAPH_URL: origin,
    NODE_EXTRA_CA_CERTS: caFile,
    // The daemon app's home tenant: any seeded tenant will do, it may ask for tokens in all of them.
    AZURE_TENANT_ID: [...state.tenants.keys()][0] ?? "organizations",
    AZURE_CLIENT_ID: clientId,
    AZURE_CLIENT_SECRET: clientSecret,
  };
  const envFile = join(folder, "emulator.env");
  await writeFile(
    envFile,
    Object.entries(environment)
      .map(([name, value]) => `${name}=${value}\n`)
      .join(""),
    {
      mode: 0o600,
    },
  );

  return {
    authorityHost: origin,
    graphUrl: origin,
    caCertPem: certificate.caCertPem,
    caFile,
    envFile,
    environment,
    spkiSha256: certificate.spkiSha256,
    client: { clientId, clientSecret },
    state,
    graphFaults,
    entraFaults,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(folder, { recursive: true, force: true });
    },
  };
}

function notFound(response: ServerResponse): void {
  sendJson(response, 404, { error: { code: "NotFound", message: "The emulator does not serve this path." } });
}
