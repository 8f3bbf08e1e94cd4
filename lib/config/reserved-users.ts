/**
 * Names a virtual user may not take: every account and group of a Debian 12 base system and of the
 * packages ftp-kit installs, the default login of Debian's cloud images (`admin`), and ftp-kit's own
 * service account. A virtual user with such a name would be confusing in logs at best, and at worst
 * collide with a real account if PAM were ever misconfigured.
 */
export const RESERVED_USER_NAMES: ReadonlySet<string> = new Set([
  // Debian 12 base-passwd and base system
  'root', 'daemon', 'bin', 'sys', 'sync', 'games', 'man', 'lp', 'mail', 'news', 'uucp', 'proxy',
  'www-data', 'backup', 'list', 'irc', 'gnats', 'nobody', 'nogroup', '_apt', 'systemd-network',
  'systemd-resolve', 'systemd-timesync', 'systemd-journal', 'systemd-coredump', 'messagebus', 'sshd',
  'polkitd', 'tss', 'uuidd', 'tcpdump', 'dnsmasq', 'avahi', 'statd', '_chrony', 'chrony', 'ntp',
  'postfix', 'exim', 'ftp', 'ftpsecure', 'adm', 'tty', 'disk', 'kmem', 'dialout', 'fax', 'voice',
  'cdrom', 'floppy', 'tape', 'sudo', 'audio', 'dip', 'operator', 'src', 'shadow', 'utmp', 'video',
  'sasl', 'plugdev', 'staff', 'users', 'input', 'kvm', 'render', 'netdev', 'crontab', 'ssh', 'lxd',
  'docker', 'wheel',
  // cloud images, AWS agents and common administrative names
  'admin', 'administrator', 'debian', 'ubuntu', 'ec2-user', 'ssm-user', 'cloud-user', 'guest',
  'anonymous', 'test', 'user', 'support', 'operator',
  // ftp-kit's own accounts
  'ftpkit', 'ftp-kit',
]);
