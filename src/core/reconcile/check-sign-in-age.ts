import { CONSENT_IDLE_LIFETIME_DAYS } from "../instance/identifiers.js";
import { describeGraphError, type GraphError } from "../snapshot/snapshot.js";
import { adminAgent } from "./actors.js";
import type { AppContext } from "./context.js";
import { DAY_MS, daysBetween, formatDay, parseGraphDateTime } from "./dates.js";
import { describeListError } from "./observation-gaps.js";
import type { Finding } from "./report.js";

export interface SignInAgeAssessment {
  /** `expired` and `expiring` carry the consent link; `unknown` is only a warning. */
  readonly state: "valid" | "expiring" | "expired" | "unknown";
  readonly findings: readonly Finding[];
  readonly lastSignInAt: number | undefined;
  readonly expiresAt: number | undefined;
}

/**
 * Forecasts the refresh token's end from the app's last delegated sign-in: it dies after 90 days
 * without use (docs/statuses.md#the-90-days). More than 90 days ago is expired; more than 90 − warnDays is expiring.
 * No sign-in data is a warning, never an expiry.
 */
export function checkSignInAge(context: AppContext): SignInAgeAssessment {
  const activities = context.tenant.signInsByAppId;
  if (activities === undefined) {
    // docs/statuses.md: an unknown age is a warning, never an expiry, whatever kept the list from being read.
    const unavailable = context.tenant.observation.unavailable?.servicePrincipalSignInActivities;
    if (unavailable !== undefined) {
      return unknownAge(
        context,
        `Microsoft does not offer the sign-in report there (${unavailable.message})`,
        "Watch the BSS's Partner Center calls instead: a token refresh refused with AADSTS700082 means the consent must be given again.",
      );
    }
    const error = context.tenant.observation.errors?.servicePrincipalSignInActivities;
    if (error !== undefined && isLicensingRefusal(error)) {
      return unknownAge(
        context,
        `the sign-in report needs Microsoft Entra ID P1 or P2, which the tenant does not have (${describeGraphError(error)})`,
        `A Global Administrator of ${context.instance.spec.partner.defaultDomain} can license Entra ID P1 or P2 to get the forecast; until then, watch the BSS's Partner Center calls.`,
      );
    }
    return unknownAge(
      context,
      `sign-in activity was not observed${describeListError(context, "servicePrincipalSignInActivities")}`,
      "Give the observer AuditLog.Read.All in that tenant and observe again (the list is in Graph's beta API).",
    );
  }
  const activity = activities.get(context.app.appId.toLowerCase());
  const raw = activity?.delegatedClientSignInActivity?.lastSignInDateTime;
  if (raw === undefined || raw === null) {
    return unknownAge(context, "Microsoft Graph shows no delegated sign-in of the app yet");
  }
  const lastSignInAt = parseGraphDateTime(raw);
  if (lastSignInAt === undefined) {
    return unknownAge(
      context,
      `the last delegated sign-in date ${JSON.stringify(raw)} is not a readable date`,
    );
  }

  const expiresAt = lastSignInAt + CONSENT_IDLE_LIFETIME_DAYS * DAY_MS;
  const warnFrom = expiresAt - context.instance.spec.consent.warnDays * DAY_MS;
  const agent = context.instance.spec.consent.adminAgent;
  const lastUse = formatDay(lastSignInAt);
  if (context.now > expiresAt) {
    const finding: Finding = {
      code: "consent.expired",
      severity: "error",
      status: "consent-expired",
      message: `Consent expired on ${formatDay(expiresAt)}: the app last used it on ${lastUse}, more than ${CONSENT_IDLE_LIFETIME_DAYS} days ago. ${agent} must open the consent link again, sign in with MFA and approve.`,
      actor: adminAgent(context.instance),
    };
    return { state: "expired", findings: [finding], lastSignInAt, expiresAt };
  }
  if (context.now > warnFrom) {
    const left = daysBetween(context.now, expiresAt);
    const finding: Finding = {
      code: "consent.expiring",
      severity: "warning",
      status: "consent-expiring",
      message: `Consent expires on ${formatDay(expiresAt)} (${left === 0 ? "within a day" : `in ${left} day${left === 1 ? "" : "s"}`}): the app last used it on ${lastUse}. Any Partner Center call by the BSS renews it; otherwise ${agent} must open the consent link before then.`,
      actor: adminAgent(context.instance),
    };
    return { state: "expiring", findings: [finding], lastSignInAt, expiresAt };
  }
  return { state: "valid", findings: [], lastSignInAt, expiresAt };
}

function unknownAge(
  context: AppContext,
  why: string,
  next = "This clears after the BSS's next Partner Center call (sign-in data can lag by hours).",
): SignInAgeAssessment {
  const finding: Finding = {
    code: "consent.age-unknown",
    severity: "warning",
    message: `Consent was given, but ${why}, so its ${CONSENT_IDLE_LIFETIME_DAYS}-day expiry cannot be forecast. ${next}`,
    actor: `BSS operators of ${context.instance.metadata.name}`,
  };
  return { state: "unknown", findings: [finding], lastSignInAt: undefined, expiresAt: undefined };
}

/**
 * Graph's refusal of a report that needs a premium licence: 403
 * `Authentication_RequestFromNonPremiumTenantOrB2CTenant` ("Neither tenant is B2C or tenant doesn't
 * have premium license"). Not a missing permission: granting one would not help.
 */
export function isLicensingRefusal(error: GraphError): boolean {
  return (
    error.status === 403 &&
    (/NonPremiumTenant/i.test(error.code) || /premium licen[cs]e/i.test(error.message))
  );
}
