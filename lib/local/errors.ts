/**
 * A problem of this machine or of the caller's input that the caller can fix (not root, a package
 * missing, a port taken, vsftpd refusing its start): the CLI prints it and exits 1.
 */
export class LocalTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalTargetError';
  }
}
