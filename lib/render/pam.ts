import { ServerLayout } from './types';
import { renderTemplate } from './template';

/** /etc/pam.d/<pamServiceName>: virtual users from the SHA-512 crypt pwdfile, nothing else. */
export function renderPamService(layout: ServerLayout): string {
  return renderTemplate('pam-service.mustache', { etcDir: layout.etcDir });
}
