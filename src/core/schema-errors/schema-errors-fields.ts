/**
 * Per-field explanations of the schema's patterns: "must match ^[0-9a-fA-F]{8}-…$" helps nobody,
 * "must be a GUID, the Account ID from Partner Center" does. Keyed by the schema property name.
 */
interface PatternExplanation {
  readonly expected: string;
  /** A fix derived from the wrong value, when one is obvious. */
  readonly suggest?: (value: string) => string | undefined;
  readonly hint: string;
}

const GUID_SHAPE = "a GUID (8-4-4-4-12 hexadecimal digits, like 6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e)";
const NAME_SHAPE =
  "lower-case letters, digits and hyphens, 1-63 characters, starting and ending with a letter or digit";

const explanations: Readonly<Record<string, PatternExplanation>> = {
  tenantId: {
    expected: GUID_SHAPE,
    suggest: suggestGuid,
    hint: "copy the Account ID from Partner Center > Account settings > Organization profile (the Entra tenant id)",
  },
  existingAppId: {
    expected: GUID_SHAPE,
    suggest: suggestGuid,
    hint: "copy the Application (client) ID from the app's overview page in the Microsoft Entra admin center",
  },
  defaultDomain: {
    expected:
      "the tenant's default domain: <name>.onmicrosoft.com (global) or <name>.partner.onmschina.cn (China)",
    suggest: (value) => {
      const lower = value.trim().toLowerCase();
      return lower !== value && /\.(onmicrosoft\.com|partner\.onmschina\.cn)$/.test(lower)
        ? lower
        : undefined;
    },
    hint: "the BSS form's Tenant name is the .onmicrosoft.com domain, not a custom domain such as contoso.com",
  },
  name: {
    expected: NAME_SHAPE,
    suggest: suggestName,
    hint: "the name tags the Entra app and is the consent link's state, so it is kept DNS-label simple",
  },
  sandboxOf: {
    expected: `the metadata.name of the primary instance (${NAME_SHAPE})`,
    suggest: suggestName,
    hint: "copy metadata.name from the primary instance's file",
  },
  adminAgent: {
    expected: "a user principal name, like adele@contoso.onmicrosoft.com",
    hint: "the Admin Agent's sign-in name, as shown in the Microsoft Entra admin center > Users",
  },
  partnerId: {
    expected: 'digits only (the Partner ID, formerly MPN ID, like "1234567")',
    suggest: (value) => {
      const digits = value.replaceAll(/\D/g, "");
      return digits.length > 0 && digits.length <= 10 ? digits : undefined;
    },
    hint: "Partner Center > Account settings > Identifiers shows the Partner ID",
  },
  languages: {
    expected: "a BCP 47 language tag, like en-US, el-GR or zh-Hans-CN",
    suggest: suggestLanguageTag,
    hint: "language in lower case, optional script in title case, region in upper case, separated by hyphens",
  },
  countries: {
    expected: "an ISO 3166-1 alpha-2 country code in capitals, like GR or CY",
    suggest: (value) => (/^[A-Za-z]{2}$/.test(value.trim()) ? value.trim().toUpperCase() : undefined),
    hint: "use the two-letter code (GR, not GRC or Greece)",
  },
};

export function explainPattern(property: string): PatternExplanation | undefined {
  return explanations[property];
}

function suggestGuid(value: string): string | undefined {
  const hex = value.replaceAll(/[{}\s-]/g, "");
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) return undefined;
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)]
    .join("-")
    .toLowerCase();
}

function suggestName(value: string): string | undefined {
  const slug = value
    .trim()
    .toLowerCase()
    .replaceAll(/[^a-z0-9]+/g, "-")
    .replaceAll(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
  return slug.length > 0 && slug !== value ? slug : undefined;
}

function suggestLanguageTag(value: string): string | undefined {
  const parts = value.trim().split(/[-_]/);
  const [language, ...rest] = parts;
  if (language === undefined || !/^[A-Za-z]{2,3}$/.test(language)) return undefined;
  const cased = [
    language.toLowerCase(),
    ...rest.map((part) =>
      part.length === 4 ? `${part[0]?.toUpperCase()}${part.slice(1).toLowerCase()}` : part.toUpperCase(),
    ),
  ].join("-");
  return cased !== value && /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/.test(cased)
    ? cased
    : undefined;
}
