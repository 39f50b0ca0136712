/**
 * A fresh self-signed TLS certificate for the host names the simulator answers to: LeanKit's, and
 * the other server a redirect may point at (which would have a certificate of its own).
 */
import { generate } from 'selfsigned';
import { OTHER_HOST } from './otherHost';

export interface Certificate {
  /** PEM certificate; clients trust it as their only CA. */
  readonly cert: string;
  /** PEM private key. */
  readonly key: string;
}

export async function createCertificate(): Promise<Certificate> {
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: '*.leankit.com' }], {
    // EC keys are quick to make, so every test file can afford its own server.
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 86_400_000),
    notAfterDate: new Date(now.getTime() + 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: '*.leankit.com' },
          { type: 2, value: 'leankit.com' },
          { type: 2, value: OTHER_HOST },
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
