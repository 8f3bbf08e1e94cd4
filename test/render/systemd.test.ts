import { DEFAULT_LAYOUT, renderSystemdDropIn } from '../../lib/render';

describe('renderSystemdDropIn', () => {
  const text = renderSystemdDropIn(DEFAULT_LAYOUT);
  test("THEN Debian's unit runs vsftpd with ftp-kit's config after the data volume is mounted", () => {
    expect(text).toMatch(/^ExecStart=$/m);
    expect(text).toMatch(/^ExecStart=\/usr\/sbin\/vsftpd \/etc\/ftp-kit\/vsftpd\.conf$/m);
    expect(text).toMatch(/^RequiresMountsFor=\/srv\/ftp-kit$/m);
  });
});
