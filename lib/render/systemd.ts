import { ServerLayout } from './types';
import { renderTemplate } from './template';

/** /etc/systemd/system/vsftpd.service.d/ftp-kit.conf: Debian's unit, pointed at our config. */
export function renderSystemdDropIn(layout: ServerLayout): string {
  return renderTemplate('vsftpd.service.d.conf.mustache', layout);
}
