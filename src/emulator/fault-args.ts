import type { FaultKind, FaultOptions } from "./faults.js";

/** The fault options both emulators' command lines take (`parseArgs` declarations). */
export const FAULT_ARGS = {
  "latency-ms": { type: "string" },
  "failure-rate": { type: "string" },
  faults: { type: "string" },
  "retry-after": { type: "string" },
} as const;

/** Their lines of the usage text. */
export const FAULT_USAGE = `  --failure-rate R      share of requests that fail, 0..1
  --faults LIST         kinds to inject, comma-separated: 429,500,502,503,drop (default: all)
  --retry-after S       Retry-After seconds on injected 429/503 (default 1)`;

/** The fault options from the parsed arguments. */
export function readFaultArgs(values: {
  readonly "latency-ms"?: string | undefined;
  readonly "failure-rate"?: string | undefined;
  readonly faults?: string | undefined;
  readonly "retry-after"?: string | undefined;
}): FaultOptions {
  return {
    latencyMs: Number(values["latency-ms"] ?? 0),
    failureRate: Number(values["failure-rate"] ?? 0),
    ...(values.faults === undefined ? {} : { kinds: values.faults.split(",") as FaultKind[] }),
    retryAfterSeconds: Number(values["retry-after"] ?? 1),
  };
}
