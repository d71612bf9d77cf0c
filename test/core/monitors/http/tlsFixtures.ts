// Certificates made with openssl at test time: a self-signed one, and a test CA that issues a
// valid, an expired and a wrong-name certificate (openssl ca takes explicit start and end dates).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../../support/tempDir';

export interface KeyPair {
  key: string;
  cert: string;
}

export interface TestCertificates {
  selfSigned: KeyPair;
  ca: string;
  valid: KeyPair;
  expired: KeyPair;
  wrongName: KeyPair;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

export function makeTestCertificates(): TestCertificates {
  const dir = tempDir('opsbar-http-tls-');
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1', '-keyout', 'self.key', '-out', 'self.pem']);
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=Opsbar Test CA', '-days', '2', '-keyout', 'ca.key', '-out', 'ca.pem']);
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    [
      '[ ca ]',
      'default_ca = testca',
      '[ testca ]',
      `database = ${join(dir, 'index.txt')}`,
      `new_certs_dir = ${dir}`,
      `serial = ${join(dir, 'serial')}`,
      'default_md = sha256',
      'policy = anything',
      'copy_extensions = copy',
      'unique_subject = no',
      '[ anything ]',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
  const issue = (name: string, san: string, dates: string[]): KeyPair => {
    openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-addext', `subjectAltName=${san}`, '-keyout', `${name}.key`, '-out', `${name}.csr`]);
    openssl(dir, ['ca', '-batch', '-notext', '-config', 'ca.cnf', '-cert', 'ca.pem', '-keyfile', 'ca.key', '-in', `${name}.csr`, '-out', `${name}.pem`, ...dates]);
    return { key: readFileSync(join(dir, `${name}.key`), 'utf8'), cert: readFileSync(join(dir, `${name}.pem`), 'utf8') };
  };
  return {
    selfSigned: { key: readFileSync(join(dir, 'self.key'), 'utf8'), cert: readFileSync(join(dir, 'self.pem'), 'utf8') },
    ca: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    valid: issue('valid', 'IP:127.0.0.1', ['-days', '1']),
    expired: issue('expired', 'IP:127.0.0.1', ['-startdate', '20200101000000Z', '-enddate', '20200102000000Z']),
    wrongName: issue('wrongname', 'DNS:other.example', ['-days', '1']),
  };
}
