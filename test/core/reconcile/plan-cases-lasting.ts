// The planner's table, part 3: what ends a consent before its 90 idle days — revoked sessions, a
// disabled admin agent, a password change, and Conditional Access sign-in frequency.
import {
  GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID,
  MICROSOFT_GRAPH_APP_ID,
  PARTNER_CENTER_APP_ID,
} from "../../../src/core/instance/identifiers.js";
import {
  type ConditionalAccessPolicyOptions,
  conditionalAccessPolicy,
  directoryRoleMembership,
  graphError,
  groupMembership,
  signInFrequency,
  signInFrequencyEveryTime,
} from "../../support/graph-builders.js";
import { type Case, noConsent, signInAt, withAgent } from "./plan-changes.js";
import type { Scenario } from "./scenario.js";
import { daysBeforeNow } from "./scenario.js";

const ADMIN_AGENTS = groupMembership("AdminAgents");
const GLOBAL_ADMIN = directoryRoleMembership();

/** The agent in AdminAgents and a Global Administrator, with one Conditional Access policy. */
const withPolicy = (scenario: Scenario, options: Partial<ConditionalAccessPolicyOptions>) => {
  withAgent(scenario, { memberOf: [ADMIN_AGENTS, GLOBAL_ADMIN] });
  scenario.tenant.conditionalAccessPolicies = [
    conditionalAccessPolicy({ displayName: "Admins sign in every 12 hours", ...options }),
  ];
};
const frequencyCase = (
  name: string,
  policy: (scenario: Scenario) => Partial<ConditionalAccessPolicyOptions>,
  status: Case["status"],
  codes: readonly string[],
): Case => ({ name, change: (s) => withPolicy(s, policy(s)), status, codes });
const SIF = ["conditional-access.sign-in-frequency"];

export const LASTING_CASES: readonly Case[] = [
  // Revoked sessions: every refresh token issued before signInSessionsValidFromDateTime is refused.
  {
    name: "sessions revoked after the last delegated sign-in",
    change: (s) => withAgent(s, { sessionsValidFrom: daysBeforeNow(3) }),
    status: "consent-expired",
    codes: ["consent.revoked"],
  },
  {
    name: "sessions revoked before the last delegated sign-in",
    change: (s) => withAgent(s, { sessionsValidFrom: daysBeforeNow(11) }),
    status: "ready",
    codes: [],
  },
  {
    name: "sessions revoked, no sign-in data",
    change: (s) => {
      withAgent(s, { sessionsValidFrom: daysBeforeNow(3) });
      s.tenant.servicePrincipalSignInActivities = [];
    },
    status: "ready",
    codes: ["consent.age-unknown", "consent.revoked"],
  },
  {
    name: "sessions revoked over 90 days ago, no sign-in data",
    change: (s) => {
      withAgent(s, { sessionsValidFrom: daysBeforeNow(120) });
      s.tenant.servicePrincipalSignInActivities = signInAt(s, null);
    },
    status: "ready",
    codes: ["consent.age-unknown"],
  },
  {
    name: "sessions revoked after the last sign-in, agent without MFA",
    change: (s) => withAgent(s, { sessionsValidFrom: daysBeforeNow(3), mfa: false }),
    status: "blocked",
    codes: ["consent.revoked", "agent.no-mfa"],
  },
  {
    name: "sessions revoked, no grant",
    change: (s) => {
      noConsent(s);
      withAgent(s, { sessionsValidFrom: daysBeforeNow(3) });
    },
    status: "needs-consent",
    codes: ["consent.missing"],
  },

  // A disabled admin agent: Entra refuses their token (AADSTS50057) and they cannot consent again.
  {
    name: "agent disabled while a grant exists",
    change: (s) => withAgent(s, { enabled: false }),
    status: "blocked",
    codes: ["agent.disabled"],
  },
  {
    name: "agent disabled, no grant",
    change: (s) => {
      noConsent(s);
      withAgent(s, { enabled: false });
    },
    status: "blocked",
    codes: ["consent.missing", "agent.disabled"],
  },
  {
    name: "agent disabled, app not provisioned",
    change: (s) => {
      s.tenant.applications = [];
      withAgent(s, { enabled: false });
    },
    status: "not-provisioned",
    codes: ["app.missing", "agent.disabled"],
  },

  // Password changed: a warning with both dates, never a status.
  {
    name: "password changed after the last delegated sign-in",
    change: (s) => withAgent(s, { passwordChangedAt: daysBeforeNow(2) }),
    status: "ready",
    codes: ["agent.password-changed"],
  },
  {
    name: "password changed before the last delegated sign-in",
    change: (s) => withAgent(s, { passwordChangedAt: daysBeforeNow(30) }),
    status: "ready",
    codes: [],
  },
  {
    name: "password changed, no sign-in data",
    change: (s) => {
      withAgent(s, { passwordChangedAt: daysBeforeNow(2) });
      s.tenant.servicePrincipalSignInActivities = [];
    },
    status: "ready",
    codes: ["consent.age-unknown"],
  },

  // Conditional Access sign-in frequency for the agent and the Partner Center API.
  frequencyCase("policy for all users and all apps", () => ({ includeUsers: ["All"] }), "blocked", SIF),
  frequencyCase(
    "policy naming the agent and the Partner Center API",
    (s) => ({ includeUsers: [s.agentId], includeApplications: [PARTNER_CENTER_APP_ID] }),
    "blocked",
    SIF,
  ),
  frequencyCase(
    "policy covering the agent's group",
    () => ({ includeGroups: [ADMIN_AGENTS.id ?? ""] }),
    "blocked",
    SIF,
  ),
  frequencyCase(
    "policy covering the agent's role",
    () => ({ includeRoles: [GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID] }),
    "blocked",
    SIF,
  ),
  frequencyCase(
    "agent excluded by user",
    (s) => ({ includeUsers: ["All"], excludeUsers: [s.agentId] }),
    "ready",
    [],
  ),
  frequencyCase(
    "agent excluded by group",
    () => ({ includeUsers: ["All"], excludeGroups: [ADMIN_AGENTS.id ?? ""] }),
    "ready",
    [],
  ),
  frequencyCase(
    "agent excluded by role",
    () => ({
      includeRoles: [GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID],
      excludeRoles: [GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID],
    }),
    "ready",
    [],
  ),
  frequencyCase(
    "policy for other users, groups and roles",
    () => ({
      includeUsers: ["GuestsOrExternalUsers"],
      includeGroups: [groupMembership("Sales").id ?? ""],
      includeRoles: ["f2ef992c-3afb-46b9-b7cf-a126ee74c451"],
    }),
    "ready",
    [],
  ),
  frequencyCase(
    "report-only policy",
    () => ({ includeUsers: ["All"], state: "enabledForReportingButNotEnforced" }),
    "ready",
    SIF,
  ),
  frequencyCase("disabled policy", () => ({ includeUsers: ["All"], state: "disabled" }), "ready", []),
  frequencyCase(
    "policy for another app",
    () => ({ includeUsers: ["All"], includeApplications: [MICROSOFT_GRAPH_APP_ID] }),
    "ready",
    [],
  ),
  frequencyCase(
    "Partner Center API excluded from all apps",
    () => ({ includeUsers: ["All"], excludeApplications: [PARTNER_CENTER_APP_ID] }),
    "ready",
    [],
  ),
  frequencyCase(
    "sign-in every time",
    () => ({ includeUsers: ["All"], signInFrequency: signInFrequencyEveryTime() }),
    "blocked",
    SIF,
  ),
  frequencyCase(
    "every 89 days",
    () => ({ includeUsers: ["All"], signInFrequency: signInFrequency(89, "days") }),
    "blocked",
    SIF,
  ),
  frequencyCase(
    "every 90 days is not shorter than the consent",
    () => ({ includeUsers: ["All"], signInFrequency: signInFrequency(90, "days") }),
    "ready",
    [],
  ),
  frequencyCase(
    "every 2160 hours (90 days)",
    () => ({ includeUsers: ["All"], signInFrequency: signInFrequency(2160, "hours") }),
    "ready",
    [],
  ),
  frequencyCase(
    "every 365 days",
    () => ({ includeUsers: ["All"], signInFrequency: signInFrequency(365, "days") }),
    "ready",
    [],
  ),
  frequencyCase(
    "sign-in frequency switched off",
    () => ({ includeUsers: ["All"], signInFrequency: { ...signInFrequency(1, "hours"), isEnabled: false } }),
    "ready",
    [],
  ),
  frequencyCase(
    "policy without session controls",
    () => ({ includeUsers: ["All"], signInFrequency: null }),
    "ready",
    [],
  ),
  {
    name: "policy by group while memberships were not observed",
    change: (s) => {
      withPolicy(s, { includeGroups: [ADMIN_AGENTS.id ?? ""] });
      delete s.tenant.memberOf;
    },
    status: "ready",
    codes: SIF,
  },
  {
    name: "policies not readable (no Policy.Read.All)",
    change: (s) => {
      delete s.tenant.conditionalAccessPolicies;
      s.tenant.errors = {
        conditionalAccessPolicies: graphError(
          403,
          "Authorization_RequestDenied",
          "Insufficient privileges to complete the operation.",
        ),
      };
    },
    status: "ready",
    codes: ["observation.incomplete"],
  },
  {
    name: "policy blocks while consent is also needed",
    change: (s) => {
      withPolicy(s, { includeUsers: ["All"] });
      noConsent(s);
    },
    status: "blocked",
    codes: ["consent.missing", ...SIF],
  },
  {
    name: "policy and an app not provisioned",
    change: (s) => {
      withPolicy(s, { includeUsers: ["All"] });
      s.tenant.applications = [];
    },
    status: "not-provisioned",
    codes: ["app.missing", ...SIF],
  },
];
