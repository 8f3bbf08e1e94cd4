import { DEFAULT_LAYOUT, renderPamService, resolveLayout } from '../../lib/render';

describe('renderPamService', () => {
  test("THEN only pam_pwdfile authenticates, against the layout's password file", () => {
    const text = renderPamService(resolveLayout({ etcDir: '/tmp/x/etc' }));
    expect(text).toMatch(/^auth\s+required\s+pam_pwdfile\.so pwdfile=\/tmp\/x\/etc\/passwd$/m);
    expect(text).not.toMatch(/pam_unix/);
    expect(renderPamService(DEFAULT_LAYOUT)).toContain('pwdfile=/etc/ftp-kit/passwd');
  });
});
