import type { TokenCredential } from "@azure/identity";
import type { Client } from "@microsoft/microsoft-graph-client";
import type { Cloud } from "../../core/instance/instance.js";
import type { GraphError as ObservedError, TenantObservation } from "../../core/snapshot/snapshot.js";
import { assembleTenant } from "./assemble-tenant.js";
import { type BatchPoster, type GraphRead, type ReadOutcome, readBatched } from "./batch-reader.js";
import { describeFailure } from "./describe-failure.js";
import type { RetryPolicy } from "./retry-policy.js";
import {
  appReadKeys,
  appReads,
  distinct,
  firstRoundReads,
  type InstanceToObserve,
  unavailableLists,
} from "./tenant-reads.js";

export interface TenantToObserve {
  readonly tenantId: string;
  /** Decides which reads exist there (the beta sign-in report is global-only). */
  readonly cloud: Cloud;
  readonly instances: readonly InstanceToObserve[];
  readonly credential: TokenCredential;
  /** `{graph resource}/.default` of the tenant's cloud. */
  readonly scope: string;
  readonly client: Client;
  readonly retryPolicy: RetryPolicy;
  /** Bounds the token request as the transport bounds Graph requests. */
  readonly timeoutMs: number;
  /** Hears a sub-response's `Retry-After` (ms): the tenant's limiter pauses it. */
  readonly onRetryAfter?: ((ms: number) => void) | undefined;
}

/**
 * Reads one partner tenant through `$batch`: what the YAML names (apps, admin agents), then, as
 * each app is found, what it leads to (service principal, grants, sign-ins). A token failure makes
 * the whole tenant an `error`; any other failure is confined to the lists it affects.
 */
export async function observeTenant(tenant: TenantToObserve): Promise<TenantObservation> {
  try {
    // Asked once up front so that an Entra refusal is reported as such; the Graph client then
    // finds the token in the credential's cache.
    await tenant.credential.getToken(tenant.scope, {
      tenantId: tenant.tenantId,
      abortSignal: AbortSignal.timeout(tenant.timeoutMs),
    });
  } catch (error) {
    return { error: describeTokenFailure(error, tenant.timeoutMs) };
  }
  const post: BatchPoster = (version, requests) =>
    tenant.client.api("/$batch").version(version).post({ requests });

  // App reads follow as soon as an app is found; adopted apps' reads are in the first set, and
  // so are those of apps whose id is already known: one round instead of two.
  const adopted = new Set(
    tenant.instances.flatMap((instance) => instance.existingAppId?.toLowerCase() ?? []),
  );
  const known = new Set(
    tenant.instances.flatMap((instance) => (instance.knownAppIds ?? []).map((appId) => appId.toLowerCase())),
  );
  const requested = new Set([...adopted, ...known]);
  const followUp = (key: string, outcome: ReadOutcome): GraphRead[] => {
    if (!key.startsWith("app:") || !outcome.ok) return [];
    const fresh = appIdsOf(outcome).filter((appId) => !requested.has(appId.toLowerCase()));
    for (const appId of fresh) requested.add(appId.toLowerCase());
    return fresh.flatMap((appId) => appReads(appId, tenant.cloud));
  };
  const outcomes = await readBatched(
    post,
    firstRoundReads(tenant.instances, tenant.cloud),
    tenant.retryPolicy,
    followUp,
    tenant.onRetryAfter,
  );

  dropUnfoundGuesses(outcomes, known, adopted);
  const agents = distinct(tenant.instances.map((instance) => instance.adminAgent));
  return assembleTenant(outcomes, agents, unavailableLists(tenant.cloud));
}

/**
 * Reads of a known app id that the lookup did not find (the app was deleted, or lost its tag) are
 * not part of the observation: without them the snapshot is what two rounds would have made.
 */
function dropUnfoundGuesses(
  outcomes: Map<string, ReadOutcome>,
  known: ReadonlySet<string>,
  adopted: ReadonlySet<string>,
): void {
  const found = new Set<string>();
  for (const [key, outcome] of outcomes) {
    if (key.startsWith("app:") && outcome.ok) {
      for (const appId of appIdsOf(outcome)) found.add(appId.toLowerCase());
    }
  }
  for (const appId of known) {
    if (found.has(appId) || adopted.has(appId)) continue;
    for (const key of appReadKeys(appId)) outcomes.delete(key);
  }
}

function appIdsOf(outcome: ReadOutcome & { ok: true }): string[] {
  const appIds: string[] = [];
  for (const app of outcome.values ?? []) {
    const appId = (app as { appId?: unknown }).appId;
    if (typeof appId === "string") appIds.push(appId);
  }
  return distinct(appIds);
}

function describeTokenFailure(error: unknown, timeoutMs: number): ObservedError {
  if ((error as { name?: unknown }).name === "AbortError") {
    return { code: "Timeout", message: `Microsoft Entra gave no token within ${timeoutMs} ms` };
  }
  return describeFailure(error);
}
