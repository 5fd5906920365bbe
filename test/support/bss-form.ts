/** The fields of the BSS's "MS Cloud Services" form, in the order the form lists them. */
export const BSS_FORM_LABELS = [
  "API URL",
  "Tenant name",
  "App ID",
  "Key",
  "Account ID",
  "CSP Status",
  "Authorization link",
] as const;
