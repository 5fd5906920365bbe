import { InputError } from "../core/diagnostics/errors.js";
import { isRecord } from "../core/json/is-record.js";
import type { ProviderSettings } from "./tenant-providers.js";

/** The part of `pulumi.Config` the settings come from; tests pass a plain object. */
export interface ConfigReader {
  getObject<T>(key: string): T | undefined;
  getBoolean(key: string): boolean | undefined;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads the stack config `cspops:clientIds` (tenant id → the pipeline app's client id there) and
 * `cspops:useOidc` (default true). Neither is a credential.
 */
export function readProviderSettings(config: ConfigReader): ProviderSettings {
  const clientIds = config.getObject<unknown>("clientIds");
  if (clientIds !== undefined && !isGuidMap(clientIds)) {
    throw new InputError("stack config cspops:clientIds must map tenant ids to client ids (GUIDs)", {
      hint: "pulumi config set --path 'clientIds[\"<tenant id>\"]' <client id>",
    });
  }
  return { clientIds, useOidc: config.getBoolean("useOidc") };
}

function isGuidMap(value: unknown): value is Record<string, string> {
  return (
    isRecord(value) &&
    Object.entries(value).every(
      ([tenant, client]) => GUID.test(tenant) && typeof client === "string" && GUID.test(client),
    )
  );
}
