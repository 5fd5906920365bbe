import type { AppContext } from "./context.js";
import { formatMinute, parseGraphDateTime } from "./dates.js";
import type { Finding } from "./report.js";

/**
 * Did the admin agent's password change after the app's last delegated sign-in? Entra documents that
 * a confidential client's refresh token survives a password change, but partners report refusals
 * after an administrator's reset (AADSTS50173): worth a warning with both dates, not a status.
 */
export function checkPasswordChange(
  context: AppContext,
  lastSignInAt: number | undefined,
): readonly Finding[] {
  if (lastSignInAt === undefined) return [];
  const upn = context.instance.spec.consent.adminAgent;
  const agent = context.tenant.usersByPrincipalName?.get(upn.toLowerCase());
  const changedAt = parseGraphDateTime(agent?.lastPasswordChangeDateTime);
  if (changedAt === undefined || changedAt <= lastSignInAt) return [];
  return [
    {
      code: "agent.password-changed",
      severity: "warning",
      message: `The password of admin agent ${upn} changed on ${formatMinute(changedAt)}, after the app's last delegated sign-in (${formatMinute(lastSignInAt)}). Microsoft Entra keeps a confidential client's refresh token across a password change, but partners report refusals (AADSTS50173) after an administrator's reset: if the BSS's next Partner Center call fails, ${upn} must open the consent link again.`,
      actor: `BSS operators of ${context.instance.metadata.name}`,
    },
  ];
}
