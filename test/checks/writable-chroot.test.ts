import { rule } from '../../lib/checks/writable-chroot';
import { Block } from '../constructs/helpers';
import { check, edited, resourceOf, serverJson, setVsftpd } from './helpers';

describe('FTPKIT-WRITABLE-CHROOT', () => {
  let json: Block;
  beforeAll(() => {
    json = serverJson();
  });

  test("GIVEN ftp-kit's vsftpd.conf THEN every user is jailed in a read-only root: compliant", () => {
    expect(check(rule, json)).toEqual([]);
  });

  test('fails when allow_writeable_chroot=YES', () => {
    expect(
      check(
        rule,
        edited(json, (j) => setVsftpd(j, 'allow_writeable_chroot', 'YES')),
      ),
    ).toEqual([
      expect.objectContaining({ message: expect.stringContaining('allow_writeable_chroot=YES lets users write the root of their jail') }),
    ]);
  });

  test('fails when users are not chrooted at all', () => {
    expect(
      check(
        rule,
        edited(json, (j) => setVsftpd(j, 'chroot_local_user', 'NO')),
      )[0].message,
    ).toContain('chroot_local_user=NO leaves users free');
  });

  test('fails when a chroot list exempts users, or a per-user file allows a writable jail', () => {
    expect(
      check(
        rule,
        edited(json, (j) => setVsftpd(j, 'chroot_list_enable', 'YES')),
      )[0].message,
    ).toContain('chroot_list_enable=YES exempts');
    const perUser = check(
      rule,
      edited(json, (j) => {
        resourceOf(j, 'terraform_data').input.user_configs.alice += 'allow_writeable_chroot=YES\n';
      }),
    );
    expect(perUser).toEqual([
      expect.objectContaining({ message: expect.stringContaining('(per-user file of alice): allow_writeable_chroot=YES') }),
    ]);
  });
});
