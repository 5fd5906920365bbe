import type { InstanceSet } from "./instance-index.js";
import { checkEach, error, type Finding } from "./rule.js";

const SUFFIX = { global: ".onmicrosoft.com", china: ".partner.onmschina.cn" } as const;

/** `domain.cloud-mismatch`: `.onmicrosoft.com` tenants live in the global cloud, `.partner.onmschina.cn` in China. */
export function checkDomainMatchesCloud(set: InstanceSet): Finding[] {
  return checkEach(set.all, (facts) => {
    const cloud = facts.cloud?.value ?? "global";
    if (facts.defaultDomain === undefined || (cloud !== "global" && cloud !== "china")) return undefined;
    const domain = facts.defaultDomain.value.toLowerCase();
    const domainCloud = domain.endsWith(SUFFIX.china)
      ? "china"
      : domain.endsWith(SUFFIX.global)
        ? "global"
        : undefined;
    if (domainCloud === undefined || domainCloud === cloud) return undefined;
    return error(
      facts,
      facts.defaultDomain.pointer,
      "domain.cloud-mismatch",
      `a ${SUFFIX[domainCloud]} domain belongs to the ${domainCloud} cloud, but \`spec.cloud\` is ${cloud}`,
      `set \`cloud: ${domainCloud}\`, or use the tenant's ${SUFFIX[cloud]} domain`,
    );
  });
}
