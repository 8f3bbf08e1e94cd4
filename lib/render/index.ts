import { FtpKitConfig } from '../config/schema';
import { renderFirewall } from './firewall';
import { resolveLayout } from './layout';
import { renderPamService } from './pam';
import { RenderProps, ServerFiles } from './types';
import { renderUserConfigs } from './users';
import { renderVsftpdConf } from './vsftpd-conf';

export * from './cloudwatch-agent';
export * from './fail2ban';
export * from './firewall';
export * from './layout';
export * from './pam';
export * from './systemd';
export * from './tls';
export * from './types';
export * from './updates';
export * from './user-data';
export * from './users';
export * from './vsftpd-conf';

/** Every file one server receives, for the address clients reach. Pure: no I/O but reading templates. */
export function renderServerFiles(config: FtpKitConfig, props: RenderProps): ServerFiles {
  const layout = resolveLayout(props.layout);
  return {
    layout,
    vsftpdConf: renderVsftpdConf(config, { layout, publicAddress: props.publicAddress, listenAddress: props.listenAddress }),
    pamService: renderPamService(layout),
    nftables: renderFirewall(config, layout),
    userConfigs: renderUserConfigs(config),
  };
}
export * from './log-metrics';
