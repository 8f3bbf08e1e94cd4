// One basic-ftp session, run inside a test bed namespace (`ip netns exec NS node basic-ftp-session.js`):
// TLS login, upload into files/, list, download, SHA-256 of both. Its input (the password included)
// comes on stdin as JSON, never in argv; the result goes to stdout as JSON. Plain JavaScript: it runs
// under node without a transpiler.
'use strict';
const { createHash, randomBytes } = require('node:crypto');
const { Readable, Writable } = require('node:stream');
const { Client, enterPassiveModeIPv4 } = require('basic-ftp');

async function main() {
  const input = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
  const payload = randomBytes(input.bytes);
  const client = new Client(15000);
  // PASV only, as the strict clients use it: the 227 reply's address is what the test is about.
  client.prepareTransfer = enterPassiveModeIPv4;
  const pasv = [];
  client.ftp.verbose = true;
  client.ftp.log = (line) => { const m = /227 .*\((\d+,\d+,\d+,\d+,\d+,\d+)\)/.exec(line); if (m) pasv.push(m[1]); };
  try {
    await client.access({ host: input.host, port: input.port, user: input.user, password: input.password, secure: true, secureOptions: { ca: input.ca } });
    await client.uploadFrom(Readable.from([payload]), input.remote);
    const list = (await client.list('files')).map((f) => f.name);
    const chunks = [];
    await client.downloadTo(new Writable({ write(chunk, _enc, done) { chunks.push(chunk); done(); } }), input.remote);
    const sha = (b) => createHash('sha256').update(b).digest('hex');
    process.stdout.write(JSON.stringify({ ok: true, sent: sha(payload), received: sha(Buffer.concat(chunks)), list, pasv }));
  } catch (err) {
    process.stdout.write(JSON.stringify({ ok: false, error: String(err && err.message || err), code: err && err.code, pasv }));
  } finally {
    client.close();
  }
}
main();
