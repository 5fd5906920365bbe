import type { InstanceSet } from "./instance-index.js";
import { redirectSchemeProblem } from "./redirect-uri.js";
import { checkEachRedirectUri, error, type Finding } from "./rule.js";

/** `redirect.not-https`: Entra accepts a web redirect URI only over https, except http on localhost. */
export function checkRedirectIsHttps(set: InstanceSet): Finding[] {
  return checkEachRedirectUri(set, (facts, { shape, pointer }) => {
    const problem = redirectSchemeProblem(shape);
    if (problem?.code !== "redirect.not-https") return undefined;
    return error(facts, pointer, problem.code, problem.message, problem.hint);
  });
}
