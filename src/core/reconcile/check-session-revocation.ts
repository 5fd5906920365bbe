import { CONSENT_IDLE_LIFETIME_DAYS } from "../instance/identifiers.js";
import { adminAgent } from "./actors.js";
import type { AppContext } from "./context.js";
import { DAY_MS, formatMinute, parseGraphDateTime } from "./dates.js";
import type { Finding } from "./report.js";

/**
 * Were the admin agent's sessions revoked after the app's last delegated sign-in? "Revoke sessions"
 * sets the user's `signInSessionsValidFromDateTime`, and Entra then refuses every refresh token
 * issued before it, the BSS's too (AADSTS50173): the consent is gone although the
 * grant remains. The BSS's token is as old as its last use, so a revocation after the last
 * delegated sign-in means the token is dead (docs/statuses.md).
 *
 * Without sign-in data the token's age is unknown: a revocation within the last 90 days is a
 * warning naming its date (an older one would outlive no token that is still alive anyway).
 */
export function checkSessionRevocation(
  context: AppContext,
  lastSignInAt: number | undefined,
): readonly Finding[] {
  const upn = context.instance.spec.consent.adminAgent;
  const agent = context.tenant.usersByPrincipalName?.get(upn.toLowerCase());
  const revokedAt = parseGraphDateTime(agent?.signInSessionsValidFromDateTime);
  if (revokedAt === undefined) return [];
  const revoked = formatMinute(revokedAt);
  if (lastSignInAt !== undefined) {
    if (revokedAt <= lastSignInAt) return [];
    return [
      {
        code: "consent.revoked",
        severity: "error",
        status: "consent-expired",
        message: `The sessions of admin agent ${upn} were revoked on ${revoked}, after the app's last delegated sign-in (${formatMinute(lastSignInAt)}): Microsoft Entra refuses the BSS's refresh token from then on. ${upn} must open the consent link again, sign in with MFA and approve.`,
        actor: adminAgent(context.instance),
      },
    ];
  }
  if (revokedAt < context.now - CONSENT_IDLE_LIFETIME_DAYS * DAY_MS) return [];
  return [
    {
      code: "consent.revoked",
      severity: "warning",
      message: `The sessions of admin agent ${upn} were revoked on ${revoked}; if the BSS has not signed in since, Microsoft Entra refuses its refresh token (AADSTS50173), and whether it has cannot be told without sign-in data. If the BSS reports such a failure, ${upn} must open the consent link again, sign in with MFA and approve.`,
      actor: adminAgent(context.instance),
    },
  ];
}
