import { errorReply, type GitHubReply } from "./github-http.js";
import { type ResourceUrls, toPublicUser } from "./github-resources.js";
import type { StoredUser } from "./github-state.js";

/**
 * `GET /user`: who the token belongs to. A person's token gets its user; an app's installation
 * token, such as the `GITHUB_TOKEN` of a workflow (whose login ends in `[bot]`), gets 403
 * "Resource not accessible by integration", as on GitHub.
 */
export const authenticatedUserRoute = {
  operationId: "users/get-authenticated",
  method: "GET",
  pattern: /^\/user$/,
  handle: (user: StoredUser, urls: ResourceUrls): GitHubReply =>
    user.type === "Bot"
      ? errorReply(403, "Resource not accessible by integration", {
          documentationUrl: "https://docs.github.com/rest/users/users#get-the-authenticated-user",
        })
      : { status: 200, body: toPublicUser(user, urls) },
} as const;
