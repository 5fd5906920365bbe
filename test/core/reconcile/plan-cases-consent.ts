// The planner's table, part 2: consent grants, the age of the consent, the admin agent, precedence.
import { PARTNER_CENTER_APP_ID } from "../../../src/core/instance/identifiers.js";
import { directoryRoleMembership, groupMembership, guidFor } from "../../support/graph-builders.js";
import { type Case, grantWith, noConsent, signInAt, withAgent, withApp } from "./plan-changes.js";
import { DAY, daysBeforeNow, NOW } from "./scenario.js";

export const CONSENT_CASES: readonly Case[] = [
  // Consent grants.
  { name: "no grant", change: noConsent, status: "needs-consent", codes: ["consent.missing"] },
  {
    name: "grant with several scopes",
    change: (s) => {
      s.tenant.oauth2PermissionGrants = [grantWith(s, "openid  user_impersonation offline_access ")];
    },
    status: "ready",
    codes: [],
  },
  {
    name: "grant without user_impersonation",
    change: (s) => {
      s.tenant.oauth2PermissionGrants = [grantWith(s, "openid profile")];
    },
    status: "needs-consent",
    codes: ["consent.missing"],
  },
  {
    name: "scope that only contains the word",
    change: (s) => {
      s.tenant.oauth2PermissionGrants = [grantWith(s, "user_impersonation.all")];
    },
    status: "needs-consent",
    codes: ["consent.missing"],
  },
  {
    name: "Principal grant for the admin agent",
    change: (s) => {
      s.tenant.oauth2PermissionGrants = [
        grantWith(s, "user_impersonation", { consentType: "Principal", principalId: s.agentId }),
      ];
    },
    status: "ready",
    codes: [],
  },
  {
    name: "Principal grant for another user",
    change: (s) => {
      s.tenant.oauth2PermissionGrants = [
        grantWith(s, "user_impersonation", {
          consentType: "Principal",
          principalId: guidFor("someone-else"),
        }),
      ];
    },
    status: "needs-consent",
    codes: ["consent.missing"],
  },
  {
    name: "grant to Microsoft Graph, not Partner Center",
    change: (s) => {
      s.tenant.oauth2PermissionGrants = [
        grantWith(s, "user_impersonation", { resourceId: guidFor("graph-sp") }),
      ];
    },
    status: "needs-consent",
    codes: ["consent.missing"],
  },
  {
    name: "Partner Center has no service principal in the tenant",
    change: (s) => {
      s.tenant.servicePrincipals = (s.tenant.servicePrincipals ?? []).filter(
        (sp) => sp.appId !== PARTNER_CENTER_APP_ID,
      );
    },
    status: "needs-consent",
    codes: ["consent.missing"],
  },

  // Age of the consent.
  {
    name: "last sign-in 91 days ago",
    change: (s) => {
      s.tenant.servicePrincipalSignInActivities = signInAt(s, daysBeforeNow(91));
    },
    status: "consent-expired",
    codes: ["consent.expired"],
  },
  {
    name: "last sign-in exactly 90 days ago",
    change: (s) => {
      s.tenant.servicePrincipalSignInActivities = signInAt(s, daysBeforeNow(90));
    },
    status: "consent-expiring",
    codes: ["consent.expiring"],
  },
  {
    name: "last sign-in 90 days and 1 ms ago",
    change: (s) => {
      s.tenant.servicePrincipalSignInActivities = signInAt(
        s,
        new Date(NOW.getTime() - 90 * DAY - 1).toISOString(),
      );
    },
    status: "consent-expired",
    codes: ["consent.expired"],
  },
  {
    name: "last sign-in exactly 90 − warnDays ago",
    change: (s) => {
      s.tenant.servicePrincipalSignInActivities = signInAt(s, daysBeforeNow(76));
    },
    status: "ready",
    codes: [],
  },
  {
    name: "last sign-in 90 − warnDays days and 1 ms ago",
    change: (s) => {
      s.tenant.servicePrincipalSignInActivities = signInAt(
        s,
        new Date(NOW.getTime() - 76 * DAY - 1).toISOString(),
      );
    },
    status: "consent-expiring",
    codes: ["consent.expiring"],
  },
  {
    name: "warnDays 30 widens the warning",
    options: { warnDays: 30 },
    change: (s) => {
      s.tenant.servicePrincipalSignInActivities = signInAt(s, daysBeforeNow(61));
    },
    status: "consent-expiring",
    codes: ["consent.expiring"],
  },
  {
    name: "sign-in activity not observed",
    change: (s) => {
      delete s.tenant.servicePrincipalSignInActivities;
    },
    status: "ready",
    codes: ["consent.age-unknown"],
  },
  {
    name: "no sign-in recorded for the app",
    change: (s) => {
      s.tenant.servicePrincipalSignInActivities = [];
    },
    status: "ready",
    codes: ["consent.age-unknown"],
  },
  {
    name: "sign-in activity with null date",
    change: (s) => {
      s.tenant.servicePrincipalSignInActivities = signInAt(s, null);
    },
    status: "ready",
    codes: ["consent.age-unknown"],
  },
  {
    name: "sign-in date written as in Graph's docs (-8:00)",
    change: (s) => {
      s.tenant.servicePrincipalSignInActivities = signInAt(s, "2026-08-22T06:00:00-8:00");
    },
    status: "consent-expiring",
    codes: ["consent.expiring"],
  },

  // The admin agent: blocking only when consent is needed.
  {
    name: "agent missing and consent needed",
    change: (s) => {
      noConsent(s);
      s.tenant.users = [];
    },
    status: "blocked",
    codes: ["consent.missing", "agent.missing"],
  },
  {
    name: "agent missing but consent valid",
    change: (s) => {
      s.tenant.users = [];
    },
    status: "ready",
    codes: ["agent.missing"],
  },
  {
    name: "agent disabled and consent expired",
    change: (s) => {
      withAgent(s, { enabled: false });
      s.tenant.servicePrincipalSignInActivities = signInAt(s, daysBeforeNow(120));
    },
    status: "blocked",
    codes: ["consent.expired", "agent.disabled"],
  },
  {
    name: "agent neither admin agent nor global admin",
    change: (s) => {
      noConsent(s);
      withAgent(s, { memberOf: [groupMembership("All Users")] });
    },
    status: "blocked",
    codes: ["consent.missing", "agent.not-admin"],
  },
  {
    name: "agent is a Global Administrator (directory role)",
    change: (s) => {
      noConsent(s);
      withAgent(s, { memberOf: [groupMembership("All Users"), directoryRoleMembership()] });
    },
    status: "needs-consent",
    codes: ["consent.missing"],
  },
  {
    name: "agent in another directory role only",
    change: (s) => {
      noConsent(s);
      withAgent(s, { memberOf: [directoryRoleMembership(guidFor("helpdesk"), "Helpdesk Administrator")] });
    },
    status: "blocked",
    codes: ["consent.missing", "agent.not-admin"],
  },
  {
    name: "agent without MFA",
    change: (s) => {
      noConsent(s);
      withAgent(s, { mfa: false });
    },
    status: "blocked",
    codes: ["consent.missing", "agent.no-mfa"],
  },
  {
    name: "agent without MFA while consent is expiring",
    change: (s) => {
      withAgent(s, { mfa: false });
      s.tenant.servicePrincipalSignInActivities = signInAt(s, daysBeforeNow(80));
    },
    status: "consent-expiring",
    codes: ["consent.expiring", "agent.no-mfa"],
  },
  {
    name: "agent's memberships not observed while consent is needed",
    change: (s) => {
      noConsent(s);
      delete s.tenant.memberOf;
    },
    status: "unknown",
    codes: ["consent.missing", "observation.incomplete"],
  },
  {
    name: "agent matched by UPN in any case",
    options: { adminAgent: "Adele.Vance@Contoso-primary.onmicrosoft.com" },
    change: (s) => {
      noConsent(s);
      withAgent(s, {});
      const [agent] = s.tenant.users ?? [];
      if (agent)
        s.tenant.users = [{ ...agent, userPrincipalName: "adele.vance@contoso-primary.onmicrosoft.com" }];
    },
    status: "needs-consent",
    codes: ["consent.missing"],
  },

  // Precedence.
  {
    name: "drift outranks blocked",
    change: (s) => {
      withApp(s, { displayName: "Other" });
      noConsent(s);
      withAgent(s, { mfa: false });
    },
    status: "drifted",
    codes: ["drift.display-name", "consent.missing", "agent.no-mfa"],
  },
  {
    name: "not provisioned, and the agent has no MFA",
    change: (s) => {
      s.tenant.applications = [];
      withAgent(s, { mfa: false });
    },
    status: "not-provisioned",
    codes: ["app.missing", "agent.no-mfa"],
  },
];
