import { validateConfig } from '../../lib/config';
import { parseVsftpdConf, renderUserConfigs } from '../../lib/render';

describe('renderUserConfigs', () => {
  const files = renderUserConfigs(
    validateConfig({ allow: ['198.51.100.0/24'], users: [{ name: 'writer', write: true }, { name: 'reader' }] }),
  );
  test('THEN a write: true user may write and a read-only one may not', () => {
    expect(parseVsftpdConf(files.writer)).toEqual({ write_enable: 'YES' });
    expect(parseVsftpdConf(files.reader)).toEqual({ write_enable: 'NO' });
  });
});
