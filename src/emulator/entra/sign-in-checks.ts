import {
  ADMIN_AGENTS_GROUP_NAME,
  GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID,
  PARTNER_CENTER_RESOURCE,
} from "../../core/instance/identifiers.js";
import { type EmulatedTenant, type GraphObject, textField } from "../emulator-state.js";
import { type EntraRefusal, refusals } from "./entra-errors.js";

/**
 * Why an account cannot go on, in words a partner can act on, with the AADSTS line Entra gives
 * (which on its own says little: AADSTS50105 does not mention AdminAgents).
 */
export interface SignInRefusal {
  readonly heading: string;
  readonly reason: string;
  readonly fix: string;
  readonly entra: EntraRefusal;
}

/**
 * After the password: a disabled account cannot sign in (AADSTS50057), and one with no MFA method
 * cannot pass the MFA that Partner Center requires (AADSTS50079: Entra would ask it to register one).
 */
export function checkCanSignIn(tenant: EmulatedTenant, user: GraphObject): SignInRefusal | undefined {
  const upn = textField(user, "userPrincipalName");
  if (user.accountEnabled === false) {
    return {
      heading: "This account is disabled",
      reason: `${upn} is disabled in this tenant (accountEnabled: false). A disabled account cannot sign in, so it cannot give the consent, and Entra refuses every refresh token it gave before.`,
      fix: "A Global Administrator enables the account (Entra admin center › Users › the user › Properties › Account enabled), or the instance names another admin agent in consent.adminAgent.",
      entra: refusals.userDisabled(),
    };
  }
  if (!hasMfaMethod(tenant, user)) {
    return {
      heading: "This account has no MFA method",
      reason: `${upn} has no multi-factor authentication method registered. Partner Center requires MFA of every admin agent who signs in, and Entra has no second factor to ask this account for.`,
      fix: "Register a method (the Microsoft Authenticator app, for example) at https://aka.ms/mfasetup, then open the consent link again.",
      entra: refusals.mfaEnrollmentRequired(PARTNER_CENTER_RESOURCE),
    };
  }
  return undefined;
}

/** After MFA: only an admin agent (in AdminAgents) or a Global Administrator may give the consent. */
export function checkMayConsent(
  tenant: EmulatedTenant,
  user: GraphObject,
  app: GraphObject,
): SignInRefusal | undefined {
  if (isAdminAgent(tenant, textField(user, "id"))) return undefined;
  const upn = textField(user, "userPrincipalName");
  const appName = textField(app, "displayName");
  return {
    heading: "This account can't give this consent",
    reason: `${upn} is not a member of the ${ADMIN_AGENTS_GROUP_NAME} group and is not a Global Administrator of this tenant. Partner Center accepts the consent of ${appName} only from an admin agent: a member of ${ADMIN_AGENTS_GROUP_NAME}, or a Global Administrator.`,
    fix: `Sign in as the instance's admin agent, or have a Global Administrator give ${upn} the Admin agent role (Partner Center › Account settings › User management), which adds it to ${ADMIN_AGENTS_GROUP_NAME}.`,
    entra: refusals.notAdminAgent(upn, textField(app, "appId"), appName),
  };
}

function hasMfaMethod(tenant: EmulatedTenant, user: GraphObject): boolean {
  const userId = textField(user, "id").toLowerCase();
  const registration = tenant.userRegistrationDetails.find(
    (entry) => textField(entry, "id").toLowerCase() === userId,
  );
  return registration?.isMfaRegistered === true;
}

function isAdminAgent(tenant: EmulatedTenant, userId: string): boolean {
  return (tenant.memberOf.get(userId.toLowerCase()) ?? []).some(
    (entry) =>
      (entry["@odata.type"] === "#microsoft.graph.group" &&
        textField(entry, "displayName") === ADMIN_AGENTS_GROUP_NAME) ||
      (entry["@odata.type"] === "#microsoft.graph.directoryRole" &&
        textField(entry, "roleTemplateId") === GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID),
  );
}
