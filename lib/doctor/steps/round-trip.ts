import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import type * as tls from 'node:tls';
import { tlsOptions } from '../diagnose';
import { DoctorStep } from '../types';

/** Upload a small random file to files/, download it, compare, delete: with basic-ftp, as a partner's client would. */
export const step: DoctorStep = {
  id: 'round-trip',
  blockedBy(found) {
    if (!found.dataReachable) return 'no data connection';
    return found.passiveClean ? undefined : 'part of the passive range is dropped: a transfer would fail at random';
  },
  async run({ props, port, timeoutMs, found }) {
    const { Client } = await import('basic-ftp');
    const client = new Client(timeoutMs);
    const name = `files/ftp-kit-doctor-${randomBytes(6).toString('hex')}.bin`;
    const payload = randomBytes(64 * 1024);
    try {
      await client.connect(found.dataTarget!.address, port);
      await client.useTLS({ ...tlsOptions(props), rejectUnauthorized: false });
      // Pinned to the certificate the certificate check judged: the password goes to that server only.
      const seen = (client.ftp.socket as tls.TLSSocket).getPeerCertificate().fingerprint256;
      if (seen !== found.fingerprint) {
        return {
          status: 'fail',
          detail: `certificate SHA-256 ${seen}`,
          diagnosis:
            'the second connection presented another certificate than the first: ' + 'something between you and the server intercepts TLS',
          fix: 'find the proxy or device that terminates TLS on the way',
        };
      }
      await client.login(props.user, props.password);
      await client.useDefaultSettings();
      try {
        await client.uploadFrom(Readable.from([payload]), name);
      } catch (err) {
        const code = (err as { code?: number }).code;
        if (code === 550 || code === 553) {
          return {
            status: 'warn',
            detail: `upload → ${(err as Error).message}`,
            diagnosis: `user ${props.user} may not upload (write: false): the listing worked, the round trip was skipped`,
            fix: 'run the doctor as a user with write: true to test uploads',
          };
        }
        throw err;
      }
      const chunks: Buffer[] = [];
      await client.downloadTo(
        new Writable({
          write(chunk, _enc, done) {
            chunks.push(chunk);
            done();
          },
        }),
        name,
      );
      await client.remove(name);
      const sent = createHash('sha256').update(payload).digest('hex');
      const got = createHash('sha256').update(Buffer.concat(chunks)).digest('hex');
      if (sent !== got) {
        return {
          status: 'fail',
          detail: `sent ${sent.slice(0, 16)}…, got ${got.slice(0, 16)}…`,
          diagnosis: 'the file came back different: something on the way rewrites transfers',
          fix: 'check for an FTP-aware proxy or an ASCII-mode transfer on the way',
        };
      }
      return { status: 'pass', detail: `uploaded, downloaded and deleted ${name} (64 KiB, SHA-256 equal)` };
    } catch (err) {
      const code = (err as { code?: number }).code;
      return {
        status: 'fail',
        detail: (err as Error).message,
        diagnosis: code === 522 ? 'the data connection was refused: TLS session reuse failed' : 'the round trip failed',
        fix: 'see the server log (vsftpd.log) for the session',
      };
    } finally {
      client.close();
    }
  },
};
