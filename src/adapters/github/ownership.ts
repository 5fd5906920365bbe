/** The author of a comment or an issue, as GitHub's `simple-user` gives it. */
export interface Author {
  readonly id: number;
  readonly login: string;
  readonly type: string;
}

/** Who the token belongs to, or `undefined` when GitHub will not say (an app's installation token). */
export type WhoAmI = () => Promise<Pick<Author, "id" | "login"> | undefined>;

/** Whether cspops may adopt, edit or delete something `author` wrote. */
export type IsOurs = (author: Author | null | undefined) => Promise<boolean>;

/**
 * What cspops counts as its own: anything written by a bot account (`type: "Bot"`: the workflow's
 * `GITHUB_TOKEN` writes as `github-actions[bot]`, a GitHub App as `name[bot]`), or by the very
 * identity the token belongs to (a personal token). A person's comment or issue that carries the
 * marker, pasted or quoted, is never ours. `whoAmI` is asked at most once, and only when a marked
 * item by a non-bot turns up: GitHub's Actions token cannot call `GET /user` at all.
 */
export function createOwnership(whoAmI: WhoAmI): IsOurs {
  let identity: ReturnType<WhoAmI> | undefined;
  return async (author) => {
    if (author === null || author === undefined) return false;
    if (author.type === "Bot") return true;
    identity ??= whoAmI();
    const me = await identity;
    return me !== undefined && me.id === author.id && me.login === author.login;
  };
}
