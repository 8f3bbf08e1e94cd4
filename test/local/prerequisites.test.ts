import { checkPreviewPrerequisites, previewPrerequisiteProblems } from '../../lib/local/prerequisites';

describe('previewPrerequisiteProblems', () => {
  test('GIVEN this machine (root, packages from scripts/install-system-deps.sh) THEN nothing is missing', () => {
    expect(previewPrerequisiteProblems()).toEqual([]);
    expect(() => checkPreviewPrerequisites()).not.toThrow();
  });

  test('fails when not root and nothing is installed, naming root and every Debian package at once', () => {
    const problems = previewPrerequisiteProblems({ uid: 1000, path: '/nonexistent', systemDirs: [], pamModuleDirs: [] });
    expect(problems[0]).toMatch(/must run as root.*run it with sudo/);
    expect(problems).toEqual(
      expect.arrayContaining([
        'vsftpd is missing — install the Debian package vsftpd',
        'nft (nftables) is missing — install the Debian package nftables',
        'openssl is missing — install the Debian package openssl',
        'the PAM module pam_pwdfile.so is missing — install the Debian package libpam-pwdfile',
      ]),
    );
    expect(problems[problems.length - 1]).toBe(
      'on Debian/Ubuntu: apt-get install vsftpd nftables openssl passwd util-linux iproute2 fail2ban ' +
        'libpam-pwdfile (or bash scripts/install-system-deps.sh)',
    );
    expect(() => checkPreviewPrerequisites({ uid: 1000, path: '/nonexistent', systemDirs: [], pamModuleDirs: [] })).toThrow(
      /^preview cannot run here:\n {2}it must run as root/,
    );
  });

  test('fails when an installed executable is only off PATH, saying which folder to add', () => {
    const problems = previewPrerequisiteProblems({ uid: 0, path: '/nonexistent' });
    expect(problems).toContain('vsftpd is at /usr/sbin/vsftpd, which is not on PATH — add /usr/sbin to PATH (sudo -i does)');
    expect(problems.join('\n')).not.toMatch(/apt-get/);
  });
});
