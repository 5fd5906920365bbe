import { appOwner } from "./actors.js";
import type { AppContext } from "./context.js";
import type { Finding } from "./report.js";

/** The app's display name is the one the YAML declares (what admins see on the consent page). */
export function checkDisplayName(context: AppContext): readonly Finding[] {
  const expected = context.instance.spec.app.displayName;
  const actual = context.app.displayName;
  if (actual === expected) return [];
  const fix = context.adopted
    ? "rename the app in the Entra admin center (App registrations > Branding), or change spec.app.displayName"
    : "run `pulumi up` to rename it";
  return [
    {
      code: "drift.display-name",
      severity: "error",
      status: "drifted",
      message: `The app is named ${JSON.stringify(actual ?? "")} but ${context.loaded.file} says ${JSON.stringify(expected)}: ${fix}.`,
      actor: appOwner(context.instance, context.adopted),
    },
  ];
}
