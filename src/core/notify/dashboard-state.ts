import { isRecord } from "../json/is-record.js";
import { isReconcileStatus, type ReconcileReport, type ReconcileStatus } from "../reconcile/report.js";

/**
 * What the dashboard remembers of each instance between runs, so that the next run can tell what
 * got worse. It lives in the dashboard issue's own body (a hidden block), so no other storage is
 * needed: see docs/pr-comment-and-dashboard.md.
 */
export interface DashboardState {
  readonly instances: Readonly<Record<string, InstanceState>>;
}

export interface InstanceState {
  readonly status: ReconcileStatus;
  /** Codes of the instance's error findings, sorted. */
  readonly errors: readonly string[];
}

const BLOCK_START = "<!-- cspops:state ";
const BLOCK_END = " -->";
const BLOCK = /<!-- cspops:state ([A-Za-z0-9_-]{1,60000}) -->/;
/** Longest block read back: the state of 2,000 instances fits many times over. */
const MAX_BLOCK_CHARS = 60_000;

export function stateOf(report: ReconcileReport): DashboardState {
  const instances: Record<string, InstanceState> = {};
  for (const instance of report.instances) {
    const errors = instance.findings.filter((finding) => finding.severity === "error").map((f) => f.code);
    instances[instance.name] = { status: instance.status, errors: [...new Set(errors)].sort() };
  }
  return { instances };
}

/**
 * The hidden block for the issue body. Base64url of compact JSON: nothing in it can end the HTML
 * comment or render, whatever the instance names are.
 */
export function renderStateBlock(state: DashboardState): string {
  const compact: Record<string, [string, ...string[]]> = {};
  for (const [name, instance] of Object.entries(state.instances))
    compact[name] = [instance.status, ...instance.errors];
  return `${BLOCK_START}${toBase64Url(JSON.stringify({ v: 1, i: compact }))}${BLOCK_END}`;
}

/**
 * The state a previous run left in `body`, or undefined when there is none or it is not one this
 * version wrote (hand-edited, truncated): then the run treats every instance as new.
 */
export function readStateBlock(body: string | null | undefined): DashboardState | undefined {
  if (body === null || body === undefined) return undefined;
  const encoded = BLOCK.exec(body)?.[1];
  if (encoded === undefined || encoded.length > MAX_BLOCK_CHARS) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64Url(encoded));
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || parsed.v !== 1 || !isRecord(parsed.i)) return undefined;
  const instances: Record<string, InstanceState> = {};
  for (const [name, value] of Object.entries(parsed.i)) {
    if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) return undefined;
    const [status, ...errors] = value as string[];
    if (status === undefined || !isReconcileStatus(status)) return undefined;
    instances[name] = { status, errors };
  }
  return { instances };
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(encoded: string): string {
  const binary = atob(encoded.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}
