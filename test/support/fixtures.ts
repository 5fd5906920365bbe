/** The example instances' tenants as observed (for `instances/`), repository-relative. */
export const EXAMPLES_SNAPSHOT = "test/fixtures/snapshots/examples.json";

/** Instances (`instances/`) and a snapshot (`snapshot.json`) that give every status; repository-relative. */
export const ALL_STATUSES_FIXTURE = "test/fixtures/snapshots/all-statuses";
