// The planner's table, part 1: a ready scenario, observation gaps, finding the app, drift.
import { MICROSOFT_GRAPH_APP_ID } from "../../../src/core/instance/identifiers.js";
import {
  graphApplication,
  guidFor,
  partnerCenterAccess,
  passwordCredential,
} from "../../support/graph-builders.js";
import { type Case, firstApp, withApp } from "./plan-changes.js";
import { daysBeforeNow } from "./scenario.js";

export const APP_CASES: readonly Case[] = [
  { name: "everything in place", change: () => {}, status: "ready", codes: [] },

  // Observation gaps: unknown, never absent.
  {
    name: "applications not observed",
    change: (s) => {
      delete s.tenant.applications;
    },
    status: "unknown",
    codes: ["observation.incomplete"],
  },
  {
    name: "service principals not observed",
    change: (s) => {
      delete s.tenant.servicePrincipals;
    },
    status: "unknown",
    codes: ["observation.incomplete"],
  },
  {
    name: "grants not observed",
    change: (s) => {
      delete s.tenant.oauth2PermissionGrants;
    },
    status: "unknown",
    codes: ["observation.incomplete"],
  },

  // Finding the app.
  {
    name: "no app carries the tag",
    change: (s) => {
      s.tenant.applications = [];
    },
    status: "not-provisioned",
    codes: ["app.missing"],
  },
  {
    name: "app adopted by existingAppId, untagged",
    options: { existingAppId: "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b" },
    change: () => {},
    status: "ready",
    codes: [],
  },
  {
    name: "app adopted by existingAppId (upper case) is found",
    options: { existingAppId: "0F1E2D3C-4B5A-4978-8A9B-0C1D2E3F4A5B" },
    change: () => {},
    status: "ready",
    codes: [],
  },
  {
    name: "existingAppId names no app in the tenant",
    options: { existingAppId: "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b" },
    change: (s) => {
      s.tenant.applications = [];
    },
    status: "not-provisioned",
    codes: ["app.missing"],
  },
  {
    name: "two apps carry the tag",
    change: (s) => {
      const app = firstApp(s);
      const stray = graphApplication({
        appId: guidFor("stray"),
        displayName: app.displayName ?? "",
        tags: app.tags,
        redirectUris: app.web.redirectUris,
        createdDateTime: "2026-06-01T00:00:00Z",
      });
      s.tenant.applications = [stray, app];
    },
    status: "drifted",
    codes: ["app.duplicate-tag"],
  },

  // Drift.
  {
    name: "display name differs",
    change: (s) => withApp(s, { displayName: "Renamed by hand" }),
    status: "drifted",
    codes: ["drift.display-name"],
  },
  {
    name: "a declared redirect URI is missing",
    change: (s) => withApp(s, { redirectUris: [] }),
    status: "drifted",
    codes: ["drift.redirect-missing"],
  },
  {
    name: "an undeclared redirect URI is present",
    change: (s) => withApp(s, { redirectUris: [...firstApp(s).web.redirectUris, "https://evil.example/cb"] }),
    status: "drifted",
    codes: ["drift.redirect-extra"],
  },
  {
    name: "Partner Center user_impersonation not requested",
    change: (s) => withApp(s, { requiredResourceAccess: [] }),
    status: "drifted",
    codes: ["drift.permission-missing"],
  },
  {
    name: "no service principal (so no consent either)",
    change: (s) => {
      s.tenant.servicePrincipals = (s.tenant.servicePrincipals ?? []).filter((sp) => sp.appId !== s.appId);
    },
    status: "drifted",
    codes: ["drift.service-principal-missing", "consent.missing"],
  },
  {
    name: "the only Key expires in 29 days",
    change: (s) =>
      withApp(s, { passwordCredentials: [passwordCredential({ endDateTime: daysBeforeNow(-29) })] }),
    status: "drifted",
    codes: ["drift.key-expiring"],
  },
  {
    name: "no Key at all",
    change: (s) => withApp(s, { passwordCredentials: [] }),
    status: "drifted",
    codes: ["drift.key-expiring"],
  },
  {
    name: "an expired Key next to one valid for 31 days",
    change: (s) =>
      withApp(s, {
        passwordCredentials: [
          passwordCredential({ endDateTime: daysBeforeNow(5), seed: "old" }),
          passwordCredential({ endDateTime: daysBeforeNow(-31), seed: "new" }),
        ],
      }),
    status: "ready",
    codes: [],
  },
  {
    name: "a Key valid exactly 30 days is not enough",
    change: (s) =>
      withApp(s, { passwordCredentials: [passwordCredential({ endDateTime: daysBeforeNow(-30) })] }),
    status: "drifted",
    codes: ["drift.key-expiring"],
  },
  {
    name: "a Key without end date",
    change: (s) => withApp(s, { passwordCredentials: [passwordCredential({ endDateTime: null })] }),
    status: "ready",
    codes: [],
  },

  // The app Microsoft's secure application model guide describes: multitenant, delegated only.
  {
    name: "single-tenant app",
    change: (s) => withApp(s, { signInAudience: "AzureADMyOrg" }),
    status: "ready",
    codes: ["drift.sign-in-audience"],
  },
  {
    name: "single-tenant adopted app",
    options: { existingAppId: "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b" },
    change: (s) => withApp(s, { signInAudience: "AzureADMyOrg" }),
    status: "ready",
    codes: ["drift.sign-in-audience"],
  },
  {
    name: "app from a snapshot without signInAudience",
    change: (s) => {
      const { signInAudience: _audience, ...app } = firstApp(s);
      s.tenant.applications = [app];
    },
    status: "ready",
    codes: [],
  },
  {
    name: "app requesting an application permission (Role)",
    change: (s) =>
      withApp(s, {
        requiredResourceAccess: [
          partnerCenterAccess(),
          {
            resourceAppId: MICROSOFT_GRAPH_APP_ID,
            resourceAccess: [{ id: "df021288-bdef-4463-88db-98f22de89214", type: "Role" }],
          },
        ],
      }),
    status: "ready",
    codes: ["drift.application-permission"],
  },
];
