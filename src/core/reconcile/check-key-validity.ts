import { MIN_KEY_VALIDITY_DAYS } from "../instance/identifiers.js";
import type { GraphPasswordCredential } from "../snapshot/snapshot.js";
import { appOwner } from "./actors.js";
import type { AppContext } from "./context.js";
import { DAY_MS, formatDay, parseGraphDateTime } from "./dates.js";
import type { Finding } from "./report.js";

/**
 * The app has a Key (password credential) valid for more than 30 more days, so the BSS keeps
 * signing in while the next one is rolled out. A Key without an end date never expires.
 */
export function checkKeyValidity(context: AppContext): readonly Finding[] {
  const horizon = context.now + MIN_KEY_VALIDITY_DAYS * DAY_MS;
  const ends = context.app.passwordCredentials.map(endOf);
  if (ends.some((end) => end === Number.POSITIVE_INFINITY || (end !== undefined && end > horizon))) return [];

  const latest = Math.max(...ends.filter((end): end is number => end !== undefined));
  const state =
    ends.length === 0
      ? "The app has no Key (client secret), so the BSS cannot sign in"
      : Number.isFinite(latest)
        ? `No Key of the app stays valid for more than ${MIN_KEY_VALIDITY_DAYS} days: the last one ${latest <= context.now ? "expired" : "expires"} on ${formatDay(latest)}`
        : "No Key of the app has a readable end date";
  const fix = context.adopted
    ? "add a new client secret in the Entra admin center (App registrations > Certificates & secrets) and enter it in the BSS"
    : `run \`pulumi up\` to rotate it, then enter the new Key (stack output instances.${context.instance.metadata.name}.key) in the BSS`;
  return [
    {
      code: "drift.key-expiring",
      severity: "error",
      status: "drifted",
      message: `${state}: ${fix}.`,
      actor: appOwner(context.instance, context.adopted),
    },
  ];
}

/** Infinity for "never expires", undefined for an unreadable end date. */
function endOf(credential: GraphPasswordCredential): number | undefined {
  if (credential.endDateTime === null || credential.endDateTime === undefined)
    return Number.POSITIVE_INFINITY;
  return parseGraphDateTime(credential.endDateTime);
}
