import type { Command } from "commander";
import type { CliContext } from "./context.js";

/** Declares one command; `finish` records the exit code the command wants. */
export type CommandDeclaration = (context: CliContext, finish: (exitCode: number) => void) => Command;
