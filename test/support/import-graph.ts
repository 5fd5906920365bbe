import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** `src/`, where the import graphs start. */
export const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

/** The SDKs a command must not load unless it talks to that service. */
export const CLOUD_SDK = /^@(pulumi|pulumiverse|azure|microsoft|octokit)\//;

const STATIC_IMPORT = /^(?:import|export)\s[^;]*?from\s+"([^"]+)"/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*"([^"]+)"/g;

/**
 * Our files and the packages that `entry` (a `.ts` file under `src/`) reaches: through static imports
 * only (what loads before any command runs), or through `import()` too (everything it may ever load).
 */
export function importGraph(
  entry: string,
  options: { readonly dynamic: boolean },
): { readonly files: Set<string>; readonly packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, "utf8");
    const specifiers = [
      ...text.matchAll(STATIC_IMPORT),
      ...(options.dynamic ? text.matchAll(DYNAMIC_IMPORT) : []),
    ].map((match) => match[1] ?? "");
    for (const specifier of specifiers) {
      if (specifier.startsWith("."))
        visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, ".ts")));
      else packages.add(specifier);
    }
  };
  visit(path.resolve(SRC, entry));
  return { files, packages };
}
