/** Where the server's files live. EC2 uses the defaults; `ftp-kit preview` rebases them under its --dir. */
export interface ServerLayout {
  /** vsftpd.conf, per-user configs (users/), the password file (passwd), TLS key and certificate. @default /etc/ftp-kit */
  readonly etcDir: string;
  /** Mount point of the data volume; each user's jail is `<dataDir>/jail/<user>` holding `files/`. @default /srv/ftp-kit */
  readonly dataDir: string;
  /** vsftpd.log and xferlog. @default /var/log/ftp-kit */
  readonly logDir: string;
  /** vsftpd's empty, root-owned secure_chroot_dir. @default /var/run/ftp-kit/empty */
  readonly secureChrootDir: string;
  /** PAM service name: the file is /etc/pam.d/<name> (PAM reads nowhere else). @default ftp-kit */
  readonly pamServiceName: string;
  /**
   * The one local account all virtual users act as (guest_username). Its home directory must be
   * `/` (GUEST_USER_HOME): vsftpd 3.0.3 chdir()s into the guest account's home before local_root,
   * and a login fails with "500 OOPS: cannot change directory" when that home does not exist.
   * @default ftpkit
   */
  readonly guestUser: string;
  /** nftables table name (family inet). @default ftp_kit */
  readonly nftTable: string;
}

export interface RenderProps {
  /** The address clients reach: vsftpd's pasv_address. On EC2 the Elastic IP (a Terraform token is fine). */
  readonly publicAddress: string;
  /** Address vsftpd binds to. @default all IPv4 addresses */
  readonly listenAddress?: string;
  /** Paths. @default DEFAULT_LAYOUT */
  readonly layout?: Partial<ServerLayout>;
}

/** The files one server receives, as text. */
export interface ServerFiles {
  readonly layout: ServerLayout;
  /** <etcDir>/vsftpd.conf */
  readonly vsftpdConf: string;
  /** /etc/pam.d/<pamServiceName> */
  readonly pamService: string;
  /** An `nft -f` script that (re)creates table inet <nftTable>; it matches only the FTP ports. */
  readonly nftables: string;
  /** <etcDir>/users/<name>: per-user vsftpd settings (write access, jail root). */
  readonly userConfigs: Readonly<Record<string, string>>;
}
