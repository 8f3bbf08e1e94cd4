/*
 * What the container tests need around podman: machine settings (this host runs podman with runc
 * and cgroupfs, no systemd), the pinned base image built here (no registry can be reached: mmdebstrap
 * → podman import, tagged as the Containerfile's FROM names it), and containers that are removed
 * whatever happens.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { containerBaseImage } from '../../lib/render/container';

const run = promisify(execFile);

/** containers.conf for podman here: what `ftp-kit image build` reads through CONTAINERS_CONF. */
export function writeContainersConf(dir: string): string {
  const file = join(dir, 'containers.conf');
  writeFileSync(
    file,
    [
      '[containers]',
      'default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]',
      '[engine]',
      'runtime = "runc"',
      'cgroup_manager = "cgroupfs"',
      // No systemd here: podman's healthcheck timers would fail; tests run the check with `podman exec`.
      'events_logger = "file"',
      '',
    ].join('\n'),
  );
  return file;
}

/** podman with the test's containers.conf; rejects with podman's stderr. */
export async function podman(conf: string, args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 120000): Promise<string> {
  try {
    const { stdout } = await run('podman', [...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, CONTAINERS_CONF: conf },
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`podman ${args[0]} failed: ${(e.stderr ?? '').trim() || e.message}`);
  }
}

/** The machine's own Debian sources, when they are in deb822 form (mmdebstrap reads them as a mirror). */
function machineSources(): string[] {
  const file = '/etc/apt/sources.list.d/debian.sources';
  return existsSync(file) ? [file] : [];
}

/**
 * Makes the Containerfile's base image available under its pinned name: kept when it is already in
 * the store (a previous run on this machine), else a minbase Debian 12 made here with mmdebstrap
 * (its tar cached under the temp dir for this machine) and imported.
 */
export async function ensureBaseImage(conf: string): Promise<string> {
  const name = containerBaseImage();
  try {
    await podman(conf, ['image', 'exists', name]);
    return name;
  } catch {
    // not there yet: build it
  }
  const cacheDir = join(tmpdir(), 'ftp-kit-base-image');
  mkdirSync(cacheDir, { recursive: true });
  const tar = join(cacheDir, 'bookworm-minbase.tar');
  if (!existsSync(tar)) {
    // mmdebstrap picks the output format from the name: keep `.tar` at the end.
    const partial = join(cacheDir, `partial-${process.pid}.tar`);
    execFileSync('mmdebstrap', ['--variant=minbase', '--quiet', 'bookworm', partial, ...machineSources()], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 600000,
    });
    execFileSync('mv', [partial, tar]);
  }
  await podman(conf, ['import', '--quiet', tar, name], {}, 300000);
  return name;
}

/** Removes the container; never throws (teardown goes on). */
export async function removeContainer(conf: string, name: string): Promise<void> {
  await podman(conf, ['rm', '--force', '--time', '0', name]).catch(() => undefined);
}
