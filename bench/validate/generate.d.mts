/** Types of generate.mjs, for test/cli/validate-threads.test.ts. */
export declare function generateInstances(dir: string, pairs: number): void;
