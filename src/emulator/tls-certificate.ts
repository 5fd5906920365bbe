import { createHash, X509Certificate } from "node:crypto";
import { generate } from "selfsigned";

/** The emulator's TLS identity: a throw-away CA, and a server certificate for 127.0.0.1 it signed. */
export interface EmulatorCertificate {
  /** The CA to trust (`NODE_EXTRA_CA_CERTS`, an agent's `ca`, the credential's `tlsOptions.ca`). */
  readonly caCertPem: string;
  readonly certPem: string;
  readonly keyPem: string;
  /**
   * base64 SHA-256 of the server certificate's public key: what Chromium's
   * `--ignore-certificate-errors-spki-list` takes to trust exactly this certificate.
   */
  readonly spkiSha256: string;
}

const DAY_MS = 86_400_000;

/**
 * Generates a CA and a server certificate valid for `127.0.0.1` and `localhost` for two days. EC
 * P-256 keys keep this to a few milliseconds, so every start gets fresh keys.
 */
export async function generateEmulatorCertificate(): Promise<EmulatorCertificate> {
  const notBeforeDate = new Date(Date.now() - DAY_MS);
  const notAfterDate = new Date(Date.now() + 2 * DAY_MS);
  const ca = await generate([{ name: "commonName", value: "cspops emulator local CA" }], {
    keyType: "ec",
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: true, pathLenConstraint: 0, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: "commonName", value: "127.0.0.1" }], {
    keyType: "ec",
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 7, ip: "127.0.0.1" },
          { type: 2, value: "localhost" },
        ],
      },
    ],
  });
  const spki = new X509Certificate(server.cert).publicKey.export({ type: "spki", format: "der" });
  return {
    caCertPem: ca.cert,
    certPem: server.cert,
    keyPem: server.private,
    spkiSha256: createHash("sha256").update(spki).digest("base64"),
  };
}
