import type { InstanceSet } from "./instance-index.js";
import { redirectSchemeProblem } from "./redirect-uri.js";
import { checkEachRedirectUri, error, type Finding } from "./rule.js";

/** `redirect.not-absolute`: Entra needs a full URL to send the admin back to. */
export function checkRedirectIsAbsolute(set: InstanceSet): Finding[] {
  return checkEachRedirectUri(set, (facts, { shape, pointer }) => {
    const problem = redirectSchemeProblem(shape);
    if (problem?.code !== "redirect.not-absolute") return undefined;
    return error(facts, pointer, problem.code, problem.message, problem.hint);
  });
}
