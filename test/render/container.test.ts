import { parseVsftpdConf, renderVsftpdConf } from '../../lib/render/vsftpd-conf';
import { CONTAINER_LAYOUT, PASV_ADDRESS_PLACEHOLDER, renderContainerContext } from '../../lib/render/container';
import { config } from '../constructs/helpers';
import { ECS_INPUT } from '../constructs/ecs-input';

describe('renderContainerContext', () => {
  const context = renderContainerContext(config(ECS_INPUT));
  const conf = parseVsftpdConf(context.files['rendered/etc/ftp-kit/vsftpd.conf.in']);

  test("GIVEN the ecs config THEN vsftpd.conf.in is the renderer's own output, pasv_address left to the entrypoint", () => {
    expect(context.files['rendered/etc/ftp-kit/vsftpd.conf.in']).toBe(
      renderVsftpdConf(config(ECS_INPUT), {
        layout: CONTAINER_LAYOUT,
        publicAddress: PASV_ADDRESS_PLACEHOLDER,
        listenAddress: '0.0.0.0',
      }),
    );
    expect(conf.pasv_address).toBe('FTPKIT_PASV_ADDRESS');
    expect(conf).toMatchObject({ listen_port: '2121', pasv_min_port: '50000', pasv_max_port: '50019' });
    expect(conf.secure_chroot_dir).toBe('/usr/share/ftp-kit/empty');
  });

  test('GIVEN an IPv6 entry in allow THEN vsftpd still listens on IPv4 only (the load balancer in front is IPv4)', () => {
    expect(conf).toMatchObject({ listen: 'YES', listen_ipv6: 'NO', listen_address: '0.0.0.0' });
  });

  test('THEN the users are listed in config order (FTPKIT_PASSWORD_<n> follows it), each with its settings; and the PAM service', () => {
    expect(context.files['rendered/etc/ftp-kit/users.list']).toBe('alice\nbob\n');
    const settings = Object.keys(context.files)
      .filter((f) => f.startsWith('rendered/etc/ftp-kit/users/'))
      .sort();
    expect(settings).toEqual(['rendered/etc/ftp-kit/users/alice', 'rendered/etc/ftp-kit/users/bob']);
    expect(context.files['rendered/etc/pam.d/ftp-kit']).toContain('/etc/ftp-kit/passwd');
  });

  test('THEN the tag is a content hash: the same for the same config, another for another', () => {
    expect(context.tag).toMatch(/^cfg-[0-9a-f]{16}$/);
    expect(renderContainerContext(config(ECS_INPUT)).tag).toBe(context.tag);
    expect(renderContainerContext(config({ ...ECS_INPUT, users: [{ name: 'alice' }] })).tag).not.toBe(context.tag);
  });
});
