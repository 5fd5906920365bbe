import { createRequire } from "node:module";
import { Command } from "commander";
import { terminalLines } from "../render/escape/terminal.js";
import type { CommandDeclaration } from "./command.js";
import { bssFormCommand } from "./commands/bss-form.command.js";
import { consentLinkCommand } from "./commands/consent-link.command.js";
import { driftCommand } from "./commands/drift.command.js";
import { observeCommand } from "./commands/observe.command.js";
import { reconcileCommand } from "./commands/reconcile.command.js";
import { snapshotCommand } from "./commands/snapshot.command.js";
import { validateCommand } from "./commands/validate.command.js";
import type { CliContext } from "./context.js";

const declarations: readonly CommandDeclaration[] = [
  validateCommand,
  bssFormCommand,
  observeCommand,
  reconcileCommand,
  driftCommand,
  consentLinkCommand,
  snapshotCommand,
];

/**
 * Declares every command. Declarations are cheap: each command's implementation (and the SDKs it
 * needs: Graph, Octokit, Pulumi) is imported only when that command runs.
 */
export function buildProgram(context: CliContext, finish: (exitCode: number) => void): Command {
  const program = new Command("cspops")
    .description("GitOps for Microsoft CSP partner integrations: validate, provision, reconcile consent.")
    .version(readVersion(), "-V, --version")
    .option("--verbose", "on failure, also print the underlying error (e.g. the credential chain's)")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      // Usage errors echo the arguments as given: no control character or command line gets out.
      writeErr: (text) => context.stderr.write(terminalLines(text)),
    })
    .showHelpAfterError("(run with --help for usage)");

  for (const declare of declarations) {
    const command = declare(context, finish);
    command.copyInheritedSettings(program);
    // `snapshot merge`: subcommands added before their parent was configured take its settings now.
    for (const subcommand of command.commands) subcommand.copyInheritedSettings(command);
    program.addCommand(command);
  }
  return program;
}

function readVersion(): string {
  const manifest: { version: string } = createRequire(import.meta.url)("../../package.json");
  return manifest.version;
}
