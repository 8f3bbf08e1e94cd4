/*
 * A local ACME CA for the preview's `lets-encrypt` mode: Debian's pebble (a real ACME directory) and
 * pebble-challtestsrv (the DNS server pebble asks for the DNS-01 TXT record, with an HTTP API that sets
 * it). Both listen on loopback ports of their own and die with the process that started them.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as https from 'node:https';
import * as http from 'node:http';
import { join } from 'node:path';
import { LocalTargetError } from './errors';
import { freePort } from './ports';
import { findExecutable } from './prerequisites';
import { makeSelfSigned } from './self-signed';

const HOST = '127.0.0.1';

export interface LocalAcmeServer {
  /** The ACME directory URL (HTTPS). */
  readonly directoryUrl: string;
  /** The certificate of pebble's HTTPS listener: what the ACME client must trust (LEGO_CA_CERTIFICATES). */
  readonly caFile: string;
  /** pebble-challtestsrv's management API (set-txt, clear-txt). */
  readonly challtestsrvUrl: string;
  /** pebble-challtestsrv's DNS server, `host:port`. */
  readonly dnsResolver: string;
  /** pebble's root certificate (PEM; new on every start): what a client trusts to verify the issued one. */
  readonly rootPem: string;
  stop(): void;
}

function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number, children: ChildProcess[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return (async () => {
    while (Date.now() < deadline) {
      const dead = children.find((c) => c.exitCode !== null || c.signalCode !== null);
      if (dead)
        throw new LocalTargetError(`${what}: ${dead.spawnfile} exited (${dead.signalCode ?? `code ${dead.exitCode}`}) before it was ready`);
      if (await probe().catch(() => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new LocalTargetError(`${what} was not ready after ${timeoutMs} ms`);
  })();
}

function fetchText(url: string, ca?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = (url.startsWith('https:') ? https : http).get(url, { ca, timeout: 2000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 500, text }));
    });
    request.on('error', reject);
    request.on('timeout', () => request.destroy(new Error('timeout')));
  });
}

/** Starts pebble-challtestsrv and pebble in `dir` (their TLS key, certificate and config live there). */
export async function startLocalAcmeServer(dir: string, timeoutMs = 20000): Promise<LocalAcmeServer> {
  const path = process.env.PATH ?? '';
  for (const name of ['pebble', 'pebble-challtestsrv']) {
    if (!findExecutable(name, path))
      throw new LocalTargetError(`${name} is missing — install the Debian package pebble (apt-get install pebble)`);
  }
  const [dnsPort, apiPort, acmePort, mgmtPort] = [await freePort(HOST), await freePort(HOST), await freePort(HOST), await freePort(HOST)];
  const caFile = join(dir, 'pebble-tls.pem');
  const keyFile = join(dir, 'pebble-tls.key');
  makeSelfSigned({ certFile: caFile, keyFile, commonName: 'pebble', altNames: [`IP:${HOST}`, 'DNS:localhost'], days: 2 });
  const configFile = join(dir, 'pebble.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      pebble: {
        listenAddress: `${HOST}:${acmePort}`,
        managementListenAddress: `${HOST}:${mgmtPort}`,
        certificate: caFile,
        privateKey: keyFile,
        httpPort: 1,
        tlsPort: 1,
        ocspResponderURL: '',
        externalAccountBindingRequired: false,
      },
    }),
  );
  const children: ChildProcess[] = [];
  const stop = () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  try {
    const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
      const child = spawn('setpriv', ['--pdeathsig', 'KILL', ...args], { stdio: 'ignore', env: { ...process.env, ...env } });
      children.push(child);
    };
    run([
      'pebble-challtestsrv',
      '-dns01',
      `${HOST}:${dnsPort}`,
      '-management',
      `${HOST}:${apiPort}`,
      '-http01',
      '',
      '-https01',
      '',
      '-tlsalpn01',
      '',
      '-defaultIPv6',
      '',
    ]);
    // No sleeps before validation and no random nonce rejections: the preview should not wait for nothing.
    run(['pebble', '-config', configFile, '-dnsserver', `${HOST}:${dnsPort}`], { PEBBLE_VA_NOSLEEP: '1', PEBBLE_WFE_NONCEREJECT: '0' });
    const challtestsrvUrl = `http://${HOST}:${apiPort}`;
    const directoryUrl = `https://${HOST}:${acmePort}/dir`;
    const ca = readFileSync(caFile, 'utf8');
    const ready = (url: string, tlsCa?: string) => async () => (await fetchText(url, tlsCa)).status < 500;
    await waitFor('pebble-challtestsrv', ready(`${challtestsrvUrl}/`), timeoutMs, children);
    await waitFor('pebble', ready(directoryUrl, ca), timeoutMs, children);
    const root = await fetchText(`https://${HOST}:${mgmtPort}/roots/0`, ca);
    if (root.status !== 200) throw new LocalTargetError(`pebble did not give its root certificate (HTTP ${root.status})`);
    return { directoryUrl, caFile, challtestsrvUrl, dnsResolver: `${HOST}:${dnsPort}`, rootPem: root.text, stop };
  } catch (err) {
    stop();
    throw err;
  }
}
