import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-jsonrpc/node.js";

const root = join(import.meta.dirname, "../../..");
const SERVER = join(root, "node_modules/yaml-language-server/bin/yaml-language-server");

/** The parts of LSP's types the tests read. */
export interface Position {
  readonly line: number;
  readonly character: number;
}
export interface LspDiagnostic {
  readonly range: { readonly start: Position; readonly end: Position };
  readonly message: string;
  readonly severity?: number;
}
export interface CompletionItem {
  readonly label: string;
  readonly kind?: number;
  readonly documentation?: string | { readonly value: string };
}

/**
 * yaml-language-server over stdio, spoken to as an editor does: initialize, open a document,
 * collect the diagnostics it publishes, ask for hovers and completions. The schema comes from the
 * `# yaml-language-server: $schema=…` modeline each instance file carries, as in an editor.
 */
export class YamlLanguageServer {
  private readonly waiting = new Map<string, (diagnostics: LspDiagnostic[]) => void>();
  private version = 0;

  private constructor(
    private readonly process: ChildProcess,
    private readonly connection: MessageConnection,
  ) {
    connection.onNotification(
      "textDocument/publishDiagnostics",
      (params: { uri: string; diagnostics: LspDiagnostic[] }) => {
        this.waiting.get(params.uri)?.(params.diagnostics);
      },
    );
    // The server asks for settings; answer each section with the settings below.
    connection.onRequest("workspace/configuration", (params: { items: { section?: string }[] }) =>
      params.items.map(({ section }) => (section === "yaml" ? SETTINGS.yaml : null)),
    );
    connection.onRequest("client/registerCapability", () => null);
    connection.onNotification("window/logMessage", () => {});
    connection.onNotification("telemetry/event", () => {});
  }

  static async start(): Promise<YamlLanguageServer> {
    const child = spawn(process.execPath, [SERVER, "--stdio"], {
      cwd: root,
      stdio: ["pipe", "pipe", "pipe"],
    });
    if (child.stdout === null || child.stdin === null) throw new Error("no stdio for the server");
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    connection.listen();
    const server = new YamlLanguageServer(child, connection);
    await connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      capabilities: {
        textDocument: {
          publishDiagnostics: {},
          hover: { contentFormat: ["markdown", "plaintext"] },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ["markdown"] } },
        },
        workspace: { configuration: true },
      },
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: "cspops" }],
    });
    await connection.sendNotification("initialized", {});
    await connection.sendNotification("workspace/didChangeConfiguration", { settings: SETTINGS });
    return server;
  }

  /** A file URI for `relative` (say `instances/x.yaml`): the modeline resolves against it. */
  uri(relative: string): string {
    return pathToFileURL(join(root, relative)).href;
  }

  /** Opens (or reopens with new text) a document and resolves with the diagnostics published for it. */
  async open(uri: string, text: string): Promise<LspDiagnostic[]> {
    const published = new Promise<LspDiagnostic[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within 10 s`)), 10_000);
      this.waiting.set(uri, (diagnostics) => {
        clearTimeout(timer);
        this.waiting.delete(uri);
        resolve(diagnostics);
      });
    });
    this.version++;
    await this.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "yaml", version: this.version, text },
    });
    return published;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }

  /** The Markdown of the hover at a position, or undefined when the server has none. */
  async hover(uri: string, position: Position): Promise<string | undefined> {
    const hover = await this.connection.sendRequest<{ contents: { value: string } } | null>(
      "textDocument/hover",
      { textDocument: { uri }, position },
    );
    return hover?.contents.value;
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const result = await this.connection.sendRequest<{ items: CompletionItem[] } | CompletionItem[] | null>(
      "textDocument/completion",
      { textDocument: { uri }, position },
    );
    if (result === null) return [];
    return Array.isArray(result) ? result : result.items;
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest("shutdown");
      await this.connection.sendNotification("exit");
    } finally {
      this.connection.dispose();
      this.process.kill();
    }
  }
}

/** Validation, hover and completion on; the schema store off: the tests run offline. */
const SETTINGS = {
  yaml: {
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemaStore: { enable: false },
    schemas: {},
  },
};
