import { resolve } from "node:path";
import { createClientSecretCredential } from "../../../../src/adapters/graph/create-credential.js";
import {
  createGraphObserver,
  type GraphObserverOptions,
} from "../../../../src/adapters/graph/graph-observer.js";
import type { RetryPolicy } from "../../../../src/adapters/graph/retry-policy.js";
import { readInstanceSources } from "../../../../src/adapters/instance-files.js";
import type { LoadedInstance } from "../../../../src/core/instance/instance.js";
import { validateInstanceSources } from "../../../../src/core/instance/validate-instances.js";
import type { RunningEmulator } from "../../../../src/emulator/start-emulator.js";

/** Retries as the production policy does, only with short back-offs so tests stay fast. */
export const FAST_RETRIES: RetryPolicy = {
  maxAttempts: 6,
  maxRetryAfterMs: 5_000,
  baseDelayMs: 5,
  maxDelayMs: 40,
};

/** The real Graph observer pointed at the emulator, trusting its CA explicitly. */
export function observerFor(
  emulator: RunningEmulator,
  options: Partial<GraphObserverOptions> & { clientSecret?: string } = {},
) {
  const { clientSecret = emulator.client.clientSecret, ...rest } = options;
  return createGraphObserver({
    credentialFor: ({ tenantId, agent }) =>
      createClientSecretCredential(
        { tenantId, clientId: emulator.client.clientId, clientSecret },
        { authorityHost: emulator.authorityHost, customAuthority: true, agent },
      ),
    graphUrlFor: () => emulator.graphUrl,
    caCertPem: emulator.caCertPem,
    retryPolicy: FAST_RETRIES,
    knownSecrets: [clientSecret],
    ...rest,
  });
}

/** The example instances of the repository, through the real loader and validator. */
export async function loadExampleInstances(): Promise<LoadedInstance[]> {
  const root = resolve(import.meta.dirname, "../../../..");
  const result = validateInstanceSources(await readInstanceSources("instances", root));
  if (!result.ok) throw new Error("the example instances are invalid");
  return [...result.instances];
}

/** Each instance's status, by name. */
export function statusesOf(report: {
  instances: readonly { name: string; status: string }[];
}): Record<string, string> {
  return Object.fromEntries(report.instances.map((instance) => [instance.name, instance.status]));
}
