import { InputError } from "../diagnostics/errors.js";
import type { MergeRefusal, MergeRefusalKind } from "./merge-shards.js";

/** `cspops snapshot merge` refused its inputs (docs/snapshot.md#merging-shards). Exit 1. */
export class MergeRefusedError extends InputError {
  readonly kind: MergeRefusalKind;

  constructor(refusal: MergeRefusal) {
    super(`cannot merge the snapshots: ${refusal.message}`, { hint: refusal.hint });
    this.kind = refusal.kind;
  }
}
