import { randomBytes, randomInt } from "node:crypto";
import type { ConsentResult, EmulatorState, SignInFlow } from "../emulator-state.js";

/** Sign-ins in progress and results kept: enough for people and tests, bounded for a long `npm start`. */
const MAX_FLOWS = 500;
const MAX_RESULTS = 100;

/** Starts a sign-in and returns its id (what the pages' forms carry, like Entra's flow token). */
export function startFlow(state: EmulatorState, flow: SignInFlow): string {
  const id = randomBytes(24).toString("base64url");
  keepBounded(state.signInFlows, MAX_FLOWS);
  state.signInFlows.set(id, flow);
  return id;
}

/** Keeps a finished consent's outcome for the result page; returns its id. */
export function keepResult(state: EmulatorState, result: ConsentResult): string {
  const id = randomBytes(16).toString("base64url");
  keepBounded(state.consentResults, MAX_RESULTS);
  state.consentResults.set(id, result);
  return id;
}

/** The six digits the emulated Authenticator app shows. */
export function newMfaCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

/** Drops the oldest entries (a Map iterates in insertion order) to make room for one more. */
function keepBounded<T>(map: Map<string, T>, limit: number): void {
  for (const key of map.keys()) {
    if (map.size < limit) return;
    map.delete(key);
  }
}
