import { FtpKitConfig } from '../config/schema';
import { rebootWindowOnCalendar } from '../config/operations';
import { renderTemplate } from './template';
import { ServerLayout } from './types';

/** Unit names of the reboot window. */
export const REBOOT_UNIT = 'ftp-kit-reboot';

export interface UpdateFiles {
  /** /etc/apt/apt.conf.d/52ftp-kit-unattended-upgrades: security updates daily, no reboot of its own. */
  readonly unattendedUpgrades: string;
  /** /etc/needrestart/conf.d/ftp-kit.conf: restart services on updated libraries without asking. */
  readonly needrestart: string;
  /** /etc/systemd/system/ftp-kit-reboot.service: reboots only when /run/reboot-required exists. */
  readonly rebootService: string;
  /** /etc/systemd/system/ftp-kit-reboot.timer: the config's updates.rebootWindow. */
  readonly rebootTimer: string;
}

/** Security updates that apply themselves, with reboots held for `updates.rebootWindow`. */
export function renderUpdates(config: FtpKitConfig): UpdateFiles {
  const { rebootWindow } = config.updates;
  const view = { name: config.name, rebootWindow, onCalendar: rebootWindowOnCalendar(rebootWindow) };
  return {
    unattendedUpgrades: renderTemplate('updates/unattended-upgrades.conf.mustache', view),
    needrestart: renderTemplate('updates/needrestart.conf.mustache', view),
    rebootService: renderTemplate('updates/reboot.service.mustache', view),
    rebootTimer: renderTemplate('updates/reboot.timer.mustache', view),
  };
}

/** Size cap of one log file before logrotate rotates it (checked daily, and hourly by the timer below). */
export const LOG_MAX_SIZE = '50M';
/** Rotated files kept per log: with compression, a few hundred MB at most in all. */
export const LOG_ROTATE_COUNT = 5;

/**
 * /etc/logrotate.d/ftp-kit: vsftpd.log, xferlog and fail2ban.log under logDir, and (on EC2) cloud-init's
 * logs, each capped at LOG_MAX_SIZE.
 */
export function renderLogrotate(config: FtpKitConfig, layout: ServerLayout, props: { readonly cloudInit?: boolean } = {}): string {
  return renderTemplate('logrotate.mustache', {
    name: config.name,
    logDir: layout.logDir,
    maxSize: LOG_MAX_SIZE,
    rotate: LOG_ROTATE_COUNT,
    cloudInit: props.cloudInit ?? false,
  });
}

/** /etc/systemd/system/logrotate.timer.d/ftp-kit.conf: hourly, so a size cap is never a day late. */
export function renderLogrotateTimerDropIn(): string {
  return renderTemplate('logrotate-timer.conf.mustache', {});
}
