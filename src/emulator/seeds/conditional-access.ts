/** A Conditional Access policy as a seed describes it: whom and what it targets, and how often it asks to sign in. */
export interface SeedPolicy {
  readonly id: string;
  readonly displayName: string;
  readonly state: "enabled" | "disabled" | "enabledForReportingButNotEnforced";
  readonly includeUsers?: readonly string[];
  readonly includeGroups?: readonly string[];
  readonly includeRoles?: readonly string[];
  readonly excludeUsers?: readonly string[];
  readonly includeApplications?: readonly string[];
  readonly excludeApplications?: readonly string[];
  /** A sign-in frequency of this many hours; undefined: none. */
  readonly signInEveryHours?: number;
}

/**
 * The v1.0 `conditionalAccessPolicy` Graph returns for a seed policy, in the shape of Microsoft's
 * documented example (conditionalaccesspolicy-get): MFA required, and the sign-in frequency as the
 * Entra admin center saves it (whole days when the hours make days).
 */
export function buildConditionalAccessPolicy(policy: SeedPolicy, createdAt: string) {
  const hours = policy.signInEveryHours;
  const inDays = hours !== undefined && hours % 24 === 0;
  return {
    id: policy.id,
    displayName: policy.displayName,
    createdDateTime: createdAt,
    modifiedDateTime: createdAt,
    state: policy.state,
    conditions: {
      signInRiskLevels: [],
      userRiskLevels: [],
      servicePrincipalRiskLevels: [],
      clientAppTypes: ["all"],
      applications: {
        includeApplications: [...(policy.includeApplications ?? ["All"])],
        excludeApplications: [...(policy.excludeApplications ?? [])],
        includeUserActions: [],
        includeAuthenticationContextClassReferences: [],
      },
      users: {
        includeUsers: [...(policy.includeUsers ?? [])],
        excludeUsers: [...(policy.excludeUsers ?? [])],
        includeGroups: [...(policy.includeGroups ?? [])],
        excludeGroups: [],
        includeRoles: [...(policy.includeRoles ?? [])],
        excludeRoles: [],
      },
      platforms: null,
      locations: null,
    },
    grantControls: {
      operator: "OR",
      builtInControls: ["mfa"],
      customAuthenticationFactors: [],
      termsOfUse: [],
    },
    sessionControls: {
      applicationEnforcedRestrictions: null,
      persistentBrowser: null,
      cloudAppSecurity: null,
      signInFrequency:
        hours === undefined
          ? null
          : {
              value: inDays ? hours / 24 : hours,
              type: inDays ? "days" : "hours",
              isEnabled: true,
              authenticationType: "primaryAndSecondaryAuthentication",
              frequencyInterval: "timeBased",
            },
    },
  };
}
