import { parse as parseYaml } from 'yaml';
import { validateConfig } from '../../lib/config/load';
import { PASV_ADDRESS_MARK, SERVER_RECORD_KIND, serverRecordOf } from '../../lib/render/server-record';
import { renderUserData } from '../../lib/render/user-data';

const cfg = validateConfig({
  controlPort: 2121,
  passivePorts: { from: 50000, to: 50049 },
  allow: ['198.51.100.0/24'],
  users: [{ name: 'alice', write: true }, { name: 'bob' }],
});
const userData = renderUserData(cfg, {
  publicAddress: '${TfToken[TOKEN.1]}',
  dataVolumeId: 'vol-1',
  secretArns: { alice: 'arn:a', bob: 'arn:b' },
});

describe('serverRecordOf', () => {
  test("GIVEN ftp-kit's user-data THEN the record holds its vsftpd.conf and per-user files, pasv_address kept apart", () => {
    const record = serverRecordOf(userData, 'aws_instance.i')!;
    expect(record).toMatchObject({ kind: SERVER_RECORD_KIND, version: 1, instance: 'aws_instance.i', pasv_address: '${TfToken[TOKEN.1]}' });
    expect(record.vsftpd_conf).toContain(`\npasv_address=${PASV_ADDRESS_MARK}\n`);
    expect(record.vsftpd_conf).toMatch(/\nlisten_port=2121\n[\s\S]*\npasv_min_port=50000\npasv_max_port=50049\n/);
    expect(record.vsftpd_conf).not.toContain('TfToken');
    expect(Object.keys(record.user_configs)).toEqual(['alice', 'bob']);
    expect(record.user_configs.alice).toContain('write_enable=YES');
  });

  test("GIVEN the record THEN its vsftpd.conf is the user-data's file but for the one pasv_address value", () => {
    const record = serverRecordOf(userData, 'aws_instance.i')!;
    const files = (parseYaml(userData) as { write_files: Array<{ path: string; content: string }> }).write_files;
    const conf = files.find((f) => f.path === '/etc/ftp-kit/vsftpd.conf')!.content;
    expect(record.vsftpd_conf.replace(PASV_ADDRESS_MARK, '${TfToken[TOKEN.1]}')).toBe(conf);
  });

  test('GIVEN user-data without a vsftpd.conf, a shell script or broken YAML THEN there is no record', () => {
    expect(serverRecordOf('#cloud-config\nruncmd:\n  - [echo, hi]\n', 'aws_instance.i')).toBeUndefined();
    expect(serverRecordOf('#!/bin/sh\necho hi\n', 'aws_instance.i')).toBeUndefined();
    expect(serverRecordOf('#cloud-config\nwrite_files: [\n', 'aws_instance.i')).toBeUndefined();
  });
});
