import { InputError } from "../../core/diagnostics/errors.js";
import { CLOUD_ENDPOINTS } from "../../core/instance/identifiers.js";
import type { Cloud } from "../../core/instance/instance.js";

/** Where Entra and Graph are, when not at the cloud's public endpoints (the local emulator). */
export interface GraphEndpointOverrides {
  readonly authorityHost?: string | undefined;
  readonly graphUrl?: string | undefined;
}

/** Reads `CSPOPS_AUTHORITY_HOST` and `CSPOPS_GRAPH_URL` (docs/cli.md); both must be https URLs. */
export function readGraphEndpointOverrides(
  env: Readonly<Record<string, string | undefined>>,
): GraphEndpointOverrides {
  return {
    authorityHost: httpsUrl(env, "CSPOPS_AUTHORITY_HOST"),
    graphUrl: httpsUrl(env, "CSPOPS_GRAPH_URL"),
  };
}

export function graphUrlFor(overrides: GraphEndpointOverrides, cloud: Cloud): string {
  return overrides.graphUrl ?? CLOUD_ENDPOINTS[cloud].graph;
}

export function authorityHostFor(overrides: GraphEndpointOverrides, cloud: Cloud): string {
  return overrides.authorityHost ?? CLOUD_ENDPOINTS[cloud].authority;
}

/** The token audience stays the cloud's Graph even when requests go to a stand-in. */
export function graphScopeFor(cloud: Cloud): string {
  return `${CLOUD_ENDPOINTS[cloud].graph}/.default`;
}

function httpsUrl(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name];
  if (value === undefined || value.trim() === "") return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new InputError(`${name} is not a URL: ${value}`, {
      hint: `set ${name} to an https:// URL, or unset it`,
    });
  }
  if (url.protocol !== "https:") {
    throw new InputError(`${name} must be an https:// URL, not ${url.protocol}//`, {
      hint: "Microsoft Entra clients refuse plain HTTP; the local emulator serves HTTPS with its own CA",
    });
  }
  return url.toString().replace(/\/+$/, "");
}
