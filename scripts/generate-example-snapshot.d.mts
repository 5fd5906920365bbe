import type { ObservedSnapshot } from "../src/core/snapshot/snapshot.js";

/** The instant the example snapshot was "observed": the README's `--now`. */
export declare const OBSERVED_AT: string;
/** Absolute path of examples/snapshot.json. */
export declare const EXAMPLE_SNAPSHOT_FILE: string;
/** The file's text for the seed builder given (`buildExampleSeed`, from src/ or dist/). */
export declare function renderExampleSnapshot(buildExampleSeed: (now: Date) => ObservedSnapshot): string;
