import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { ROOT } from "./run-cli.js";

/** Where a Chromium for the browser test comes from, in the order it is looked for. */
export type ChromiumSource = "CHROMIUM_PATH" | "system" | "@sparticuz/chromium";

export interface ChromiumExecutable {
  readonly path: string;
  readonly source: ChromiumSource;
}

/** Names a distribution's Chromium has on the PATH (Debian: `chromium`; Ubuntu, Fedora: either). */
const SYSTEM_NAMES = ["chromium", "chromium-browser"] as const;

/**
 * The Chromium the browser test drives, with nothing to install outside `npm ci`:
 * 1. `CHROMIUM_PATH`, when set (an error if it names no executable);
 * 2. a system Chromium on the PATH;
 * 3. the headless Chromium inside the `@sparticuz/chromium` npm package (Linux x64), unpacked once
 *    into `node_modules/.cache/` (no download: the package's tarball carries the browser).
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumExecutable> {
  const configured = env.CHROMIUM_PATH;
  if (configured !== undefined && configured !== "") {
    if (!isExecutable(configured)) {
      throw new Error(
        `CHROMIUM_PATH=${configured} is not an executable file; unset it to use the npm Chromium.`,
      );
    }
    return { path: configured, source: "CHROMIUM_PATH" };
  }
  const system = findOnPath(env.PATH ?? "");
  if (system !== undefined) return { path: system, source: "system" };
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(
      `@sparticuz/chromium ships a Linux x64 browser only; on ${process.platform}/${process.arch} set CHROMIUM_PATH to a Chromium or Chrome executable.`,
    );
  }
  return { path: await unpackNpmChromium(), source: "@sparticuz/chromium" };
}

function findOnPath(path: string): string | undefined {
  for (const folder of path.split(delimiter).filter((entry) => entry !== "")) {
    for (const name of SYSTEM_NAMES) {
      const candidate = join(folder, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Unpacks the package's Brotli-compressed Chromium (about 200 MB, a few seconds) unless a previous
 * run finished doing so. The package unpacks into `os.tmpdir()`, which it reads from `TMPDIR`; it is
 * pointed at a folder of this checkout for the call, so that runs in other checkouts of the machine
 * never share (or see half-written) files. A marker file written last tells a complete unpack.
 */
async function unpackNpmChromium(): Promise<string> {
  const packageJson = join(ROOT, "node_modules", "@sparticuz", "chromium", "package.json");
  const { version } = JSON.parse(readFileSync(packageJson, "utf8")) as { version: string };
  const folder = join(ROOT, "node_modules", ".cache", "sparticuz-chromium", version);
  const marker = join(folder, ".unpacked");
  const executable = join(folder, "chromium");
  if (existsSync(marker) && isExecutable(executable)) return executable;
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  const { default: Chromium } = await import("@sparticuz/chromium");
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = folder;
  try {
    const unpacked = await Chromium.executablePath();
    if (unpacked !== executable)
      throw new Error(`@sparticuz/chromium unpacked to ${unpacked}, not ${executable}`);
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
  await writeFile(marker, `${version}\n`);
  return executable;
}
