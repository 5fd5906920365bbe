import type { Agent } from "node:https";
import type { TokenCredential } from "@azure/identity";
import { ServiceError } from "../../core/diagnostics/errors.js";
import { OBSERVER_PERMISSIONS } from "../../core/instance/identifiers.js";
import type { Cloud, LoadedInstance } from "../../core/instance/instance.js";
import {
  type GraphError as ObservedError,
  type ObservedSnapshot,
  SNAPSHOT_SCHEMA_VERSION,
  type TenantObservation,
} from "../../core/snapshot/snapshot.js";
import { redactCredentials } from "../redact-credentials.js";
import { AdaptiveLimiter } from "./adaptive-limiter.js";
import { boundTokens, cacheTokens } from "./cached-token-credential.js";
import { mapWithConcurrency, SlowStartLimiter } from "./concurrency.js";
import { CredentialPool } from "./credential-pool.js";
import type { DirectoryObserver, ObserveOptions } from "./directory-observer.js";
import { graphScopeFor } from "./graph-endpoints.js";
import { createHttpsAgent, HttpsTransport } from "./https-transport.js";
import { observeTenant } from "./observe-tenant.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.js";
import { createTenantGraphClient } from "./tenant-graph-client.js";
import { DEFAULT_REQUESTS_PER_TENANT, TenantLimiter } from "./tenant-limiter.js";
import type { InstanceToObserve } from "./tenant-reads.js";

/** What a credential is made for: one partner tenant, over the observer's connections. */
export interface CredentialTarget {
  readonly cloud: Cloud;
  readonly tenantId: string;
  /** Keep-alive agent shared with Graph requests (it carries the emulator's CA when one is given). */
  readonly agent: Agent;
}

export interface GraphObserverOptions {
  /**
   * Makes a token source; `target` names the first tenant it serves. The observer shares each one
   * among up to `tenantsPerCredential` tenants of its cloud, naming the tenant in every token
   * request, and drops it when they are read (`CredentialPool`).
   */
  readonly credentialFor: (target: CredentialTarget) => TokenCredential;
  /** Tenants that share one credential. Default `TENANTS_PER_CREDENTIAL` (64). */
  readonly tenantsPerCredential?: number | undefined;
  /** Graph's base URL for a cloud. */
  readonly graphUrlFor: (cloud: Cloud) => string;
  /** The CA to trust instead of the public ones (the emulator's); else NODE_EXTRA_CA_CERTS applies. */
  readonly caCertPem?: string | undefined;
  /**
   * Tenants read at the same time. Default: half the most requests in flight, enough to keep the
   * requests in flight busy while tenants wait for their tokens (docs/snapshot.md#limits); each
   * tenant read at once holds its credential and results, so this bounds memory.
   */
  readonly tenantConcurrency?: number | undefined;
  /** `$batch` requests in flight per tenant (docs/snapshot.md#limits). Default 4. */
  readonly requestsPerTenant?: number | undefined;
  /**
   * The most HTTP requests in flight across all tenants, and so the sockets per host: the hard
   * ceiling of the adaptive limit (`AdaptiveLimiter`). Default 256.
   */
  readonly maxRequestsInFlight?: number | undefined;
  /** Deadline of one request (and of one token request). Default 30 s. */
  readonly requestTimeoutMs?: number | undefined;
  readonly retryPolicy?: RetryPolicy | undefined;
  /** Secret values this process holds (e.g. `AZURE_CLIENT_SECRET`): scrubbed from every error. */
  readonly knownSecrets?: readonly string[] | undefined;
  readonly now?: (() => Date) | undefined;
}

const SERVICE = "Microsoft Graph";
/** Token requests at the start of an observation (see `SlowStartLimiter`). */
const FIRST_TOKEN_REQUESTS = 4;
/** Sockets per host, and so requests in flight across tenants, at most (docs/snapshot.md#limits). */
const DEFAULT_MAX_IN_FLIGHT = 256;
/** Where the adaptive limit across tenants starts, and the least it shrinks to. */
const FIRST_IN_FLIGHT = 32;
const LEAST_IN_FLIGHT = 8;

/**
 * The `DirectoryObserver` over Microsoft Graph: groups the instances by partner tenant, reads the
 * tenants with bounded concurrency, and returns the snapshot. Errors leave here translated and
 * redacted; the whole observation fails only when not one tenant could be read.
 */
export function createGraphObserver(options: GraphObserverOptions): DirectoryObserver {
  const secrets = options.knownSecrets ?? [];
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const now = options.now ?? (() => new Date());

  const inFlight = options.maxRequestsInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  const perTenant = options.requestsPerTenant ?? DEFAULT_REQUESTS_PER_TENANT;
  // Token requests are bounded apart from Graph's: all tenants asking at once open as many TLS
  // connections at once, and then every tenant's first token (and first Graph read) waits for
  // all those handshakes. They start four at a time and widen with each token, up to a quarter
  // of the Graph ceiling, while Graph has requests to spare: then tokens, not Graph, are the
  // bottleneck.
  const tokenLimit = Math.max(1, Math.floor(inFlight / 4));
  // One keep-alive pool for the observer's life, for tokens and Graph alike (one host when it is
  // the emulator): a second observation reuses its connections, and the CA to trust is read once.
  // Idle sockets do not keep the process alive.
  const agent = createHttpsAgent(inFlight, options.caCertPem);
  // Across tenants the only limits are this client's own: the limit adapts to latency (its
  // event loop's lag included) and failures, under the socket ceiling. It lives as long as the
  // observer, as the connections do.
  const graphLimiter = new AdaptiveLimiter({
    initial: Math.min(FIRST_IN_FLIGHT, inFlight),
    min: Math.min(LEAST_IN_FLIGHT, inFlight),
    max: inFlight,
  });

  return {
    async observeTenants(instances: readonly LoadedInstance[], observeOptions: ObserveOptions = {}) {
      const groups = groupByTenant(instances, observeOptions.knownAppIds);
      const tokenLimiter = new SlowStartLimiter(FIRST_TOKEN_REQUESTS, tokenLimit, () => graphLimiter.hasRoom);
      const credentials = new CredentialPool(options.credentialFor, options.tenantsPerCredential);
      let done = 0;
      const observations = await mapWithConcurrency(
        groups,
        options.tenantConcurrency ?? Math.max(1, Math.floor(inFlight / 2)),
        async (group) => {
          const target = { cloud: group.cloud, tenantId: group.tenantId, agent };
          const credential = cacheTokens(boundTokens(credentials.credentialFor(target), tokenLimiter));
          const scope = graphScopeFor(group.cloud);
          const tenantLimiter = new TenantLimiter(perTenant);
          const transport = new HttpsTransport({
            timeoutMs,
            tenant: tenantLimiter,
            shared: graphLimiter,
            agent,
          });
          const observation = await observeTenant({
            tenantId: group.tenantId,
            cloud: group.cloud,
            instances: group.instances,
            credential,
            scope,
            client: createTenantGraphClient({
              credential,
              tenantId: group.tenantId,
              scope,
              graphUrl: options.graphUrlFor(group.cloud),
              transport,
              retryPolicy,
            }),
            retryPolicy,
            timeoutMs,
            onRetryAfter: (ms) => tenantLimiter.pauseFor(ms),
          }).catch((error: unknown): TenantObservation => ({ error: unexpected(error) }));
          done += 1;
          observeOptions.onProgress?.({ tenantsDone: done, tenantsTotal: groups.length });
          return [group.tenantId, redactObservation(observation, secrets)] as const;
        },
      );
      const snapshot: ObservedSnapshot = {
        schemaVersion: SNAPSHOT_SCHEMA_VERSION,
        observedAt: now().toISOString(),
        tenants: Object.fromEntries(observations),
      };
      failIfNothingObserved(snapshot);
      return snapshot;
    },
  };
}

interface TenantGroup {
  readonly tenantId: string;
  readonly cloud: Cloud;
  readonly instances: InstanceToObserve[];
}

/** One group per tenant id (compared without case); a tenant belongs to one cloud. */
function groupByTenant(
  instances: readonly LoadedInstance[],
  knownAppIds: ReadonlyMap<string, readonly string[]> = new Map(),
): TenantGroup[] {
  const groups = new Map<string, TenantGroup>();
  for (const { instance } of instances) {
    const { tenantId } = instance.spec.partner;
    let group = groups.get(tenantId.toLowerCase());
    if (group === undefined) {
      group = { tenantId, cloud: instance.spec.cloud, instances: [] };
      groups.set(tenantId.toLowerCase(), group);
    }
    group.instances.push({
      name: instance.metadata.name,
      existingAppId: instance.spec.app.existingAppId,
      knownAppIds: knownAppIds.get(instance.metadata.name) ?? [],
      adminAgent: instance.spec.consent.adminAgent,
    });
  }
  return [...groups.values()];
}

function failIfNothingObserved(snapshot: ObservedSnapshot): void {
  const observations = Object.values(snapshot.tenants);
  if (observations.length === 0 || observations.some((tenant) => tenant.error === undefined)) return;
  const first = observations[0]?.error as ObservedError;
  throw new ServiceError(serviceOf(first), `no partner tenant could be observed: ${first.message}`, {
    status: first.status,
    code: first.code,
    requestId: first.requestId,
    hint: hintFor(first),
  });
}

/** Entra's OAuth errors are lower_snake_case; credential failures happen before Graph is reached. */
function serviceOf(error: ObservedError): string {
  const fromEntra =
    /^[a-z_]+$/.test(error.code) ||
    error.code === "CredentialUnavailable" ||
    error.code === "AuthenticationError" ||
    error.code === "AuthenticationFailed" ||
    error.message.startsWith("AADSTS");
  return fromEntra ? "Microsoft Entra ID" : SERVICE;
}

function hintFor(error: ObservedError): string {
  if (error.code === "CredentialUnavailable") {
    return "sign in first: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or use workload identity in a pipeline, or `az login`)";
  }
  if (error.status === 401 || error.code === "invalid_client" || error.code === "unauthorized_client") {
    return "check the observer app's client id and credential, and that it is registered as multi-tenant";
  }
  if (error.status === 403) {
    const all = OBSERVER_PERMISSIONS;
    return `grant the observer app ${all.slice(0, -1).join(", ")} and ${all.at(-1)} with admin consent in each partner tenant`;
  }
  return "check the network path to Microsoft Entra and Graph (and CSPOPS_AUTHORITY_HOST / CSPOPS_GRAPH_URL if set), then observe again";
}

function unexpected(error: unknown): ObservedError {
  return { code: "ObserverError", message: error instanceof Error ? error.message : String(error) };
}

function redactObservation(observation: TenantObservation, secrets: readonly string[]): TenantObservation {
  const scrub = (error: ObservedError): ObservedError => ({
    ...error,
    message: redactCredentials(error.message, secrets),
  });
  if (observation.error !== undefined) return { error: scrub(observation.error) };
  if (observation.errors === undefined) return observation;
  const errors = Object.fromEntries(
    Object.entries(observation.errors).map(([list, error]) => [list, scrub(error)]),
  );
  return { ...observation, errors };
}
