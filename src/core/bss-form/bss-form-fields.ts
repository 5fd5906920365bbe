import { InputError } from "../diagnostics/errors.js";
import { type BssFormValues, describeApiUrl } from "./bss-form.js";
import { PULUMI_SECRET_SENTINEL } from "./bss-form-parse.js";

/** One line of the BSS form: what to type into the field called `label`. */
export interface BssFormField {
  readonly label: string;
  readonly value: string;
  /** Why the value is what it is, or what to check; `undefined` when it speaks for itself. */
  readonly note?: string;
}

/** The BSS form for one instance, fields in the order the seed's form lists them. */
export interface BssForm {
  readonly instance: string;
  readonly fields: readonly BssFormField[];
  /** What to do around the form: Partner of Record, Key renewal, consent. */
  readonly notes: readonly string[];
}

export interface BssFormOptions {
  /** Print the Key itself; without it the Key is masked, so the form can be shown on screen. */
  readonly showKey: boolean;
}

export const MASKED_KEY = "********";

/** Builds the form from one instance's stack output (the seed's "Enter your Web App Keys" step). */
export function buildBssForm(instance: string, values: BssFormValues, options: BssFormOptions): BssForm {
  const cloud = describeApiUrl(values.apiUrl);
  return {
    instance,
    fields: [
      cloud === undefined
        ? { label: "API URL", value: values.apiUrl }
        : { label: "API URL", value: values.apiUrl, note: cloud },
      { label: "Tenant name", value: values.tenantName },
      { label: "App ID", value: values.appId },
      describeKey(values, options),
      { label: "Account ID", value: values.accountId },
      { label: "CSP Status", value: values.cspStatus === "direct" ? "Direct" : "Indirect" },
      { label: "Authorization link", value: "", note: "leave blank: deprecated, the BSS generates it" },
    ],
    notes: [describePartnerOfRecord(values), ...describeKeyRenewal(values), describeConsent(values)],
  };
}

function describeKey(values: BssFormValues, options: BssFormOptions): BssFormField {
  if (values.key === null) {
    return {
      label: "Key",
      value: "",
      note: "not managed by cspops: the app is adopted (existingAppId); use the Key made with it",
    };
  }
  if (!options.showKey) {
    return { label: "Key", value: MASKED_KEY, note: "hidden: add --show-key to print it" };
  }
  if (values.key === PULUMI_SECRET_SENTINEL) {
    throw new InputError("the Key is hidden in this stack output", {
      hint: "read the outputs with secrets: pulumi stack output --json --show-secrets",
    });
  }
  return { label: "Key", value: values.key };
}

function describePartnerOfRecord(values: BssFormValues): string {
  return values.cspStatus === "direct"
    ? "Partner of Record: empty on every subscription (required for direct-CSP rebates)."
    : `Partner of Record: ${values.partnerOfRecord}.`;
}

function describeKeyRenewal(values: BssFormValues): string[] {
  if (values.keyExpiresAt === null) return [];
  return [
    `The Key expires ${values.keyExpiresAt}; the deploy pipeline makes the next one well before then: ` +
      "after each rotation, run this command again and paste the new Key.",
  ];
}

function describeConsent(values: BssFormValues): string {
  return (
    'Save the form, then choose "Authenticate Instance" and sign in as the admin agent (with MFA). ' +
    `Consent link of this app (as cspops consent-link prints it): ${values.consentUrl}`
  );
}
