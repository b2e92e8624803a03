import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

export interface TestCertificates {
  /** PEM of the CA that signed the server certificate: what a client trusts. */
  caPem: string;
  /** PEM file with the server's private key (PKCS#8, unencrypted) and its certificate. */
  serverKeyAndCertFile: string;
}

function openssl(args: string[], cwd: string): void {
  const result = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error(`openssl ${args[0]} failed: ${result.error?.message ?? result.stderr}`);
  }
}

/**
 * A throw-away CA and a certificate for 127.0.0.1 and localhost signed by it, in `dir`, so that
 * a test can start a broker with a TLS listener and a client that verifies it. Needs openssl.
 */
export function makeTestCertificates(dir: string): TestCertificates {
  const days = '2';
  openssl(
    // -subj everywhere, so that openssl never prompts.
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      days,
      '-subj',
      '/CN=stuurwiel test CA',
    ],
    dir,
  );
  openssl(
    [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      '/CN=127.0.0.1',
    ],
    dir,
  );
  const extensions = `${dir}/server.ext`;
  writeFileSync(extensions, 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      days,
      '-extfile',
      extensions,
    ],
    dir,
  );
  // Kafka's PEM key store wants the key as PKCS#8.
  openssl(['pkcs8', '-topk8', '-nocrypt', '-in', 'server.key', '-out', 'server.pk8'], dir);
  const bundle = `${dir}/server-key-and-cert.pem`;
  writeFileSync(
    bundle,
    readFileSync(`${dir}/server.pk8`, 'utf8') + readFileSync(`${dir}/server.pem`, 'utf8'),
  );
  return { caPem: readFileSync(`${dir}/ca.pem`, 'utf8'), serverKeyAndCertFile: bundle };
}
