// A self-signed certificate for the broker's TLS listeners when the user has none: made once and kept in the data
// dir, so clients that pinned its fingerprint (shown in the broker info) keep trusting it across restarts.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export const SELF_SIGNED_DIR = 'broker-tls';
const VALID_DAYS = 5 * 365;

export interface CertificateFiles {
  tlsCert: string;
  tlsKey: string;
}

/** The certificate and key files in `dataDir`, made now when they do not exist yet. */
export async function ensureSelfSignedCertificate(dataDir: string): Promise<CertificateFiles> {
  const dir = join(dataDir, SELF_SIGNED_DIR);
  const files = { tlsCert: join(dir, 'cert.pem'), tlsKey: join(dir, 'key.pem') };
  if (existsSync(files.tlsCert) && existsSync(files.tlsKey)) return files;
  const name = hostname();
  const addresses = Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry !== undefined)
    .map((entry) => entry.address);
  const notBeforeDate = new Date();
  const pems = await generate([{ name: 'commonName', value: `Herald broker on ${name}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + VALID_DAYS * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        // The names and addresses clients on this computer and the LAN dial today.
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 2, value: name },
          ...[...new Set(['127.0.0.1', '::1', ...addresses])].map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(files.tlsKey, pems.private, { mode: 0o600 });
  writeFileSync(files.tlsCert, pems.cert);
  return files;
}
