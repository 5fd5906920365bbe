import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import * as time from "@pulumiverse/time";
import {
  instanceTag,
  MANAGED_TAG,
  PARTNER_CENTER_APP_ID,
  PARTNER_CENTER_USER_IMPERSONATION_ID,
} from "../core/instance/identifiers.js";
import type { PartnerInstance } from "../core/instance/instance.js";
import { keyEndDate } from "./key-schedule.js";
import type { ProvisionedApp } from "./provisioned-app.js";
import type { TenantBinding } from "./tenant-providers.js";

/**
 * The web app the BSS signs in as, its service principal, and a Key that renews every
 * `secret.rotationDays`. Resource names derive from the instance name only, so renaming the display
 * name updates the app in place; `Application` and `ServicePrincipal` may share the name because
 * their types differ.
 */
export function createPartnerApp(instance: PartnerInstance, tenant: TenantBinding): ProvisionedApp {
  const name = instance.metadata.name;
  const { app } = instance.spec;
  const options = { provider: tenant.provider };
  const owners = [tenant.deployerObjectId];

  const application = new azuread.Application(
    name,
    {
      displayName: app.displayName,
      // Multitenant, Web platform, delegated permissions only: the app Microsoft's secure
      // application model guide for CSP partners registers (docs/pulumi.md).
      signInAudience: "AzureADMultipleOrgs",
      tags: [MANAGED_TAG, instanceTag(name)],
      owners,
      web: { redirectUris: [...app.redirectUris] },
      requiredResourceAccesses: [
        {
          resourceAppId: PARTNER_CENTER_APP_ID,
          resourceAccesses: [{ id: PARTNER_CENTER_USER_IMPERSONATION_ID, type: "Scope" }],
        },
      ],
    },
    options,
  );
  new azuread.ServicePrincipal(name, { clientId: application.clientId, owners }, options);

  // time_rotating rotates when a refresh finds its rotation date passed: the pipelines run
  // `pulumi up --refresh`. The rotation has no azuread provider: it never leaves the state file.
  const rotation = new time.Rotating(`${name}-key-rotation`, { rotationDays: app.secret.rotationDays });
  const password = new azuread.ApplicationPassword(
    `${name}-key`,
    {
      applicationId: application.id,
      displayName: pulumi.interpolate`cspops BSS Key, replaced after ${rotation.rotationRfc3339}`,
      endDate: rotation.rotationRfc3339.apply(keyEndDate),
      rotateWhenChanged: { rotation: rotation.id },
    },
    // Keep the replaced Key in Entra until its own endDate, so the BSS's Key works while the
    // operator pastes the new one (key-schedule.ts).
    { ...options, retainOnDelete: true },
  );

  return {
    appId: application.clientId,
    // Mocks and `pulumi stack output` both honour an explicit secret; additionalSecretOutputs alone
    // is not seen by mocks.
    key: pulumi.secret(password.value),
    keyExpiresAt: password.endDate,
  };
}
