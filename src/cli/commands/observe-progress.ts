import type { ObserveProgress } from "../../adapters/graph/directory-observer.js";
import type { OutputStream } from "../context.js";

export interface ProgressReporter {
  readonly update: (progress: ObserveProgress) => void;
  /** Clears the bar (on a TTY) so that what follows starts on a clean line. */
  readonly finish: () => void;
}

const BAR_WIDTH = 24;
/** Below this many tenants a run is short: no progress is shown. */
const MIN_TENANTS = 10;

/**
 * Progress of a long observation on stderr: a bar redrawn in place when stderr is a terminal, else
 * a line at every tenth (CI logs keep each line, so fewer is kinder).
 */
export function createProgressReporter(stream: OutputStream): ProgressReporter {
  let lastTenth = 0;
  let drawn = false;
  return {
    update({ tenantsDone, tenantsTotal }) {
      if (tenantsTotal < MIN_TENANTS) return;
      if (stream.isTTY === true) {
        const filled = Math.round((tenantsDone / tenantsTotal) * BAR_WIDTH);
        stream.write(
          `\r[${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}] ${tenantsDone}/${tenantsTotal} tenants observed`,
        );
        drawn = true;
        return;
      }
      const tenth = Math.floor((tenantsDone / tenantsTotal) * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      stream.write(`observed ${tenantsDone}/${tenantsTotal} tenants\n`);
    },
    finish() {
      if (drawn) stream.write("\r\u001b[2K");
    },
  };
}
