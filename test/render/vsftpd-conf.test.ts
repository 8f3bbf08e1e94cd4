import { validateConfig } from '../../lib/config';
import { DEFAULT_LAYOUT, directiveValue, parseVsftpdConf, renderVsftpdConf } from '../../lib/render';

describe('renderVsftpdConf', () => {
  // GIVEN the acceptance config WHEN rendered for the Elastic IP
  const config = validateConfig({
    controlPort: 2121,
    passivePorts: { from: 50000, to: 50049 },
    allow: ['198.51.100.0/24', '192.0.2.0/24'],
    users: [{ name: 'alice', write: true }],
  });
  const text = renderVsftpdConf(config, { layout: DEFAULT_LAYOUT, publicAddress: '198.51.100.50' });
  const conf = parseVsftpdConf(text);

  test('THEN ports and pasv_address come from the config and the public address', () => {
    for (const line of ['listen_port=2121', 'pasv_min_port=50000', 'pasv_max_port=50049', 'pasv_address=198.51.100.50']) {
      expect(text.split('\n')).toContain(line);
    }
  });

  test('THEN TLS is forced for logins and data, AEAD only, with session reuse', () => {
    expect(conf).toMatchObject({
      ssl_enable: 'YES',
      force_local_logins_ssl: 'YES',
      force_local_data_ssl: 'YES',
      require_ssl_reuse: 'YES',
      strict_ssl_read_eof: 'YES',
      ssl_sslv2: 'NO',
      ssl_sslv3: 'NO',
      allow_anon_ssl: 'NO',
      // Keeps AUTH TLS in FEAT; TLS 1.0 still fails for want of an AEAD suite (test/integration proves it).
      ssl_tlsv1: 'YES',
    });
    for (const cipher of conf.ssl_ciphers.split(':'))
      expect(cipher).toMatch(/^ECDHE-(ECDSA|RSA)-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)$/);
  });

  test('THEN the hardened baseline holds', () => {
    expect(conf).toMatchObject({
      anonymous_enable: 'NO',
      chroot_local_user: 'YES',
      allow_writeable_chroot: 'NO',
      port_enable: 'NO',
      pasv_promiscuous: 'NO',
      hide_ids: 'YES',
      local_umask: '077',
      chmod_enable: 'NO',
      seccomp_sandbox: 'NO',
      // 50 passive ports carry 16 sessions at 3 ports each: the default max_clients shrinks to that.
      write_enable: 'NO',
      guest_enable: 'YES',
      max_clients: '16',
      max_per_ip: '10',
      max_login_fails: '3',
      delay_failed_login: '3',
    });
  });

  test('THEN uploads are 0600 whatever a client asks, SITE is refused and failed uploads are removed', () => {
    expect(conf).toMatchObject({ file_open_mode: '0600', cmds_denied: 'SITE', delete_failed_uploads: 'YES' });
    expect(conf.ftpd_banner).not.toMatch(/vsftpd/i);
  });

  test('THEN no option unknown to vsftpd 3.0.3 appears (it refuses to start on one)', () => {
    expect(Object.keys(conf).filter((key) => /tlsv1_[123]|ssl_ecdh|isolate_network_ns/.test(key))).toEqual([]);
  });

  test('THEN an IPv4-only allowlist listens on IPv4 only', () => {
    expect(conf).toMatchObject({ listen: 'YES', listen_ipv6: 'NO' });
  });
});

describe('renderVsftpdConf with an IPv6 allowlist', () => {
  const config = validateConfig({ allow: ['2001:db8::/32'], users: [{ name: 'alice' }] });
  test('THEN it listens dual-stack', () => {
    expect(parseVsftpdConf(renderVsftpdConf(config, { layout: DEFAULT_LAYOUT, publicAddress: '198.51.100.50' }))).toMatchObject({
      listen: 'NO',
      listen_ipv6: 'YES',
    });
  });
});

describe('directiveValue', () => {
  test('fails when a value carries a newline that would add a directive', () => {
    expect(() => directiveValue('ftpd_banner', 'hi\nanonymous_enable=YES')).toThrow(/ftpd_banner/);
  });
  test('fails when pasv_address smuggles a second line', () => {
    const config = validateConfig({ allow: ['198.51.100.0/24'], users: [{ name: 'alice' }] });
    expect(() => renderVsftpdConf(config, { layout: DEFAULT_LAYOUT, publicAddress: '1.2.3.4\nwrite_enable=YES' })).toThrow(/pasv_address/);
  });
});
