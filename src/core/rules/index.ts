import { checkAcknowledgeDate } from "./acknowledge-date.js";
import { checkAdminAgentTenant } from "./admin-agent-other-tenant.js";
import { checkExistingAppNotShared } from "./app-shared.js";
import { checkDomainMatchesCloud } from "./domain-cloud-mismatch.js";
import { checkDuplicateNames } from "./name-duplicate.js";
import { checkFileNameMatchesName } from "./name-file-mismatch.js";
import { checkSandboxCloudMatches } from "./pairing-cloud-mismatch.js";
import { checkOneSandboxPerPrimary } from "./pairing-multiple-sandboxes.js";
import { checkPrimaryHasSandbox } from "./pairing-no-sandbox.js";
import { checkSandboxOfIsPrimary } from "./pairing-not-a-primary.js";
import { checkSandboxAdminAgentDiffers } from "./pairing-same-admin-agent.js";
import { checkSandboxTenantDiffers } from "./pairing-same-tenant.js";
import { checkSandboxPrimaryExists } from "./pairing-unknown-primary.js";
import { checkRedirectsAreUnique } from "./redirect-duplicate.js";
import { checkRedirectHasNoFragment } from "./redirect-fragment.js";
import { checkNoLocalhostInPrimary } from "./redirect-localhost-in-primary.js";
import { checkRedirectIsAbsolute } from "./redirect-not-absolute.js";
import { checkRedirectIsHttps } from "./redirect-not-https.js";
import { checkRedirectHasNoWildcard } from "./redirect-wildcard.js";
import { checkRemovedFields } from "./removed-fields.js";
import type { DocumentRule, InstanceRule } from "./rule.js";
import { checkSecretInYaml } from "./secret-in-yaml.js";
import { checkTenantNotShared } from "./tenant-shared.js";

/** Rules over one file's YAML; they run even when the file fails the schema. */
export const documentRules: readonly DocumentRule[] = [checkSecretInYaml, checkRemovedFields];

/** Rules over every parsed file together (docs/instance-yaml.md#rules-beyond-the-schema). */
export const instanceRules: readonly InstanceRule[] = [
  checkDuplicateNames,
  checkFileNameMatchesName,
  checkSandboxPrimaryExists,
  checkSandboxOfIsPrimary,
  checkOneSandboxPerPrimary,
  checkSandboxTenantDiffers,
  checkSandboxAdminAgentDiffers,
  checkSandboxCloudMatches,
  checkPrimaryHasSandbox,
  checkTenantNotShared,
  checkExistingAppNotShared,
  checkDomainMatchesCloud,
  checkAdminAgentTenant,
  checkRedirectIsAbsolute,
  checkRedirectIsHttps,
  checkRedirectHasNoWildcard,
  checkRedirectHasNoFragment,
  checkRedirectsAreUnique,
  checkNoLocalhostInPrimary,
  checkAcknowledgeDate,
];
