/** Types of hostile.mjs, for test/core/hostile-yaml.test.ts. */
export declare const HOSTILE_SHAPES: Readonly<Record<string, (bytes: number) => string>>;
export declare function generateHostile(
  dir: string,
  bytes: number,
  shapes?: readonly string[],
): { shape: string; folder: string }[];
