import { z } from 'zod';

/*
 * `tls`: where the server's certificate comes from, and the TLS policy. Each message is `problem — fix`.
 */

export const TLS_MODES = ['self-signed', 'lets-encrypt', 'imported'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

/**
 * Defaults, chosen by measurement (docs/tls.md): TLS 1.3 session tickets on data connections make
 * curl < 8.9 and lftp lose uploads against vsftpd 3.0.3, so the default caps at TLS 1.2.
 */
export const TLS_DEFAULTS = { maxVersion: '1.2', sessionReuse: 'required' } as const;

/** A DNS name of at least two labels, lowercase: what a certificate names and Route 53 holds. */
export const DNS_NAME = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
export const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;
export const SECRET_ARN =
  /^arn:aws(-cn|-us-gov|-iso(-[a-z])?)?:secretsmanager:[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d:\d{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}$/;

const common = {
  /** Highest TLS version vsftpd accepts (an OpenSSL config for the vsftpd service only). */
  maxVersion: z
    .enum(['1.2', '1.3'], { error: 'is not a TLS version ftp-kit offers — use "1.2" (default: no lost uploads) or "1.3"' })
    .default(TLS_DEFAULTS.maxVersion)
    .describe(
      'Highest TLS version: "1.2" (default; TLS 1.3 tickets make curl < 8.9 ' +
        'and lftp lose uploads) or "1.3" (NIST SP 800-52r2). @default "1.2"',
    ),
  /** require_ssl_reuse: `required` proves each data connection comes from the logged-in client. */
  sessionReuse: z
    .enum(['required', 'optional'], {
      error: 'is not a session-reuse setting — use "required" (default) or "optional" (for Python ftplib, Java Commons Net)',
    })
    .default(TLS_DEFAULTS.sessionReuse)
    .describe(
      "Data connections must resume the control connection's TLS session " +
        '("required", default) or may not ("optional": Python ftplib and Java ' +
        'Commons Net need it; pasv_promiscuous stays NO). @default "required"',
    ),
};

const selfSigned = z
  .strictObject({
    mode: z.literal('self-signed'),
    ...common,
  })
  .describe(
    'A certificate generated on the server for the Elastic IP, renewed before expiry; its SHA-256 fingerprint is published to SSM.',
  );

const letsEncrypt = z
  .strictObject({
    mode: z.literal('lets-encrypt'),
    // DNS names are case-insensitive: kept lowercase, as certificates and Route 53 write them.
    domain: z
      .preprocess(
        (v) => (typeof v === 'string' ? v.toLowerCase() : v),
        z
          .string({ error: 'is required with lets-encrypt — set the DNS name partners connect to, e.g. "ftp.example.com"' })
          .regex(DNS_NAME, {
            error:
              'is not a DNS name — use a name of at least two labels, e.g. "ftp.example.com" (no scheme, port, wildcard or trailing dot)',
          }),
      )
      .describe('The DNS name the certificate names; an A record in the hosted zone points it at the Elastic IP.'),
    hostedZoneId: z
      .string({ error: 'is required with lets-encrypt — set the Route 53 hosted zone id of the domain, e.g. "Z0123456789ABCDEFGHIJ"' })
      .regex(HOSTED_ZONE_ID, {
        error: 'is not a Route 53 hosted zone id — use the id without "/hostedzone/", e.g. "Z0123456789ABCDEFGHIJ"',
      })
      .describe('The public Route 53 hosted zone of `domain`: the only zone the instance may change.'),
    email: z
      .email({ error: 'is not an e-mail address — use the address Let\'s Encrypt writes to about expiry, e.g. "ops@example.com"' })
      .regex(/^[\x21-\x7e]{3,254}$/, { error: 'is not an e-mail address — use printable ASCII, e.g. "ops@example.com"' })
      .describe('Contact address of the ACME account.'),
    ...common,
  })
  .describe(
    "A publicly trusted certificate from Let's Encrypt, obtained on the instance by DNS-01 through Route 53 and renewed on a timer.",
  );

const imported = z
  .strictObject({
    mode: z.literal('imported'),
    secretArn: z
      .string({ error: 'is required with imported — set the ARN of the Secrets Manager secret holding the PEM certificate, chain and key' })
      .regex(SECRET_ARN, {
        error:
          'is not a Secrets Manager secret ARN — use the full ARN, e.g. ' +
          '"arn:aws:secretsmanager:us-east-1:111122223333:secret:ftp-cert-AbCdEf"',
      })
      .describe(
        'Secrets Manager secret whose string holds the certificate, its chain and the private key as PEM; fetched at boot and on a timer.',
      ),
    ...common,
  })
  .describe('Your own certificate, from a Secrets Manager secret.');

/** An object without `mode` is a self-signed one: `tls: { maxVersion: "1.3" }` stays short. */
const withDefaultMode = (value: unknown): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !('mode' in value) ? { mode: 'self-signed', ...value } : value;

export const tlsSchema = z
  .preprocess(
    withDefaultMode,
    z.discriminatedUnion('mode', [selfSigned, letsEncrypt, imported], {
      error: `is not a supported TLS mode — use one of: ${TLS_MODES.join(', ')}`,
    }),
  )
  .default({ mode: 'self-signed', ...TLS_DEFAULTS })
  .describe('TLS settings; TLS is always forced for logins and data. mode: self-signed (default), lets-encrypt or imported.');

export type TlsConfig = z.output<typeof tlsSchema>;
