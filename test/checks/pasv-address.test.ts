import { rule } from '../../lib/checks/pasv-address';
import { Block } from '../constructs/helpers';
import { check, edited, nameOf, partsJson, resourceOf, serverJson, setVsftpd } from './helpers';

describe('FTPKIT-PASV-ADDRESS', () => {
  let json: Block;
  beforeAll(() => {
    json = serverJson();
  });

  test('GIVEN FtpServer THEN pasv_address is the public_ip of the Elastic IP associated with the instance: compliant', () => {
    expect(resourceOf(json, 'terraform_data').input.pasv_address).toBe(`\${aws_eip.${nameOf(json, 'aws_eip')}.public_ip}`);
    expect(check(rule, json)).toEqual([]);
  });

  test('GIVEN the lower-level constructs wired the same way THEN compliant', () => {
    expect(check(rule, partsJson())).toEqual([]);
  });

  test('GIVEN a fixed address that the plan shows to be the Elastic IP THEN compliant', () => {
    const known = edited(json, (j) => {
      resourceOf(j, 'aws_eip').public_ip = '203.0.113.10';
      resourceOf(j, 'terraform_data').input.pasv_address = '203.0.113.10';
    });
    expect(check(rule, known)).toEqual([]);
  });

  test('fails when user-data advertises a fixed address (built from constructs)', () => {
    const findings = check(rule, partsJson({ publicAddress: '198.51.100.7' }));
    expect(findings).toEqual([
      expect.objectContaining({ message: expect.stringContaining('advertises the fixed address 198.51.100.7 as pasv_address') }),
    ]);
  });

  test('fails when no Elastic IP is associated with the instance', () => {
    const findings = check(rule, partsJson({ associate: false }));
    expect(findings).toEqual([
      expect.objectContaining({ message: expect.stringContaining('no Elastic IP is associated with aws_instance.') }),
    ]);
  });

  test('fails when pasv_address names another Elastic IP than the associated one', () => {
    const other = edited(json, (j) => {
      j.resource.aws_eip.Other = { domain: 'vpc' };
      resourceOf(j, 'terraform_data').input.pasv_address = '${aws_eip.Other.public_ip}';
    });
    expect(check(rule, other)).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('advertises aws_eip.Other.public_ip as pasv_address, not the public_ip of its Elastic IP'),
      }),
    ]);
  });

  test('fails when vsftpd.conf sets no pasv_address', () => {
    const none = edited(json, (j) => {
      setVsftpd(j, 'pasv_address', undefined);
      resourceOf(j, 'terraform_data').input.pasv_address = '';
    });
    expect(check(rule, none)).toEqual([expect.objectContaining({ message: expect.stringContaining('sets no pasv_address') })]);
  });
});
