/*
 * `ftp-kit image build|push`: the container target's image, built from a context holding the files
 * the renderer made for the config (see lib/render/container.ts) with whichever of podman, buildah
 * or docker is installed. Machine settings (runtime, cgroup manager, ulimits) belong in the tool's
 * own configuration (containers.conf), not here.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FtpKitConfig } from '../config/schema';
import { renderContainerContext } from '../render/container';
import { UsageError } from './errors';

export const IMAGE_BUILDERS = ['podman', 'buildah', 'docker'] as const;
export type ImageBuilder = (typeof IMAGE_BUILDERS)[number];

/** The first of podman, buildah, docker on PATH (or `preferred`, when it is there). */
export function findImageBuilder(env: NodeJS.ProcessEnv = process.env, preferred?: string): ImageBuilder {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const present = (tool: string) => dirs.some((dir) => existsSync(path.join(dir, tool)));
  if (preferred !== undefined) {
    if (!(IMAGE_BUILDERS as readonly string[]).includes(preferred)) {
      throw new UsageError(`--builder ${preferred} — is not supported — use one of: ${IMAGE_BUILDERS.join(', ')}`);
    }
    if (!present(preferred)) {
      throw new UsageError(
        `--builder ${preferred} — is not on PATH — install it, or leave --builder out to use ` +
          `${IMAGE_BUILDERS.join(', ')}, whichever is present`,
      );
    }
    return preferred as ImageBuilder;
  }
  const found = IMAGE_BUILDERS.find(present);
  if (!found) {
    throw new UsageError(
      'no image builder — ftp-kit image needs podman, buildah or docker on PATH — ' + 'install one (e.g. apt-get install podman)',
    );
  }
  return found;
}

/** The local name of the config's image: `localhost/ftp-kit-<name>:<tag>`. */
export function localImageName(config: FtpKitConfig): string {
  return `localhost/ftp-kit-${config.name}:${renderContainerContext(config).tag}`;
}

/** Writes the build context into `dir` (made if missing). */
export function writeImageContext(config: FtpKitConfig, dir: string): void {
  const context = renderContainerContext(config);
  for (const [name, text] of Object.entries(context.files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    chmodSync(file, context.executables.includes(name) ? 0o755 : 0o644);
  }
}

function runTool(builder: ImageBuilder, args: readonly string[]): void {
  const result = spawnSync(builder, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error) throw new Error(`${builder} could not start: ${result.error.message}`);
  if (result.status !== 0) throw new UsageError(`${builder} ${args[0]} failed (exit ${result.status}) — its output is above`);
}

export interface ImageBuildOptions {
  readonly builder?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Builds the image; returns its local name. Docker's format, so that HEALTHCHECK is kept. */
export function buildImage(config: FtpKitConfig, options: ImageBuildOptions = {}): string {
  const builder = findImageBuilder(options.env, options.builder);
  const name = localImageName(config);
  const dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-image-'));
  try {
    writeImageContext(config, dir);
    const args =
      builder === 'docker'
        ? ['build', '-f', 'Containerfile', '-t', name, dir]
        : [builder === 'buildah' ? 'bud' : 'build', '--format', 'docker', '-f', path.join(dir, 'Containerfile'), '-t', name, dir];
    runTool(builder, args);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return name;
}

/** The repository URL from `terraform output -json` of an "ecs" stack. */
export function repositoryFromOutputs(outputs: unknown): string {
  const url = (outputs as Record<string, { value?: unknown } | undefined> | undefined)?.image_repository_url?.value;
  if (typeof url !== 'string') {
    throw new UsageError(
      'image_repository_url — the stack has no such output — deploy the "ecs" stack first (target: "ecs"), ' + 'or pass --repository',
    );
  }
  return url;
}

const ECR_REPOSITORY = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/[a-z0-9._/-]+$/;

/**
 * Pushes the built image to `repository` (the stack's `image_repository_url` output) under the
 * same content tag the task definition names. Log in first (see docs/ecs.md).
 */
export function pushImage(config: FtpKitConfig, repository: string, options: ImageBuildOptions = {}): string {
  if (!ECR_REPOSITORY.test(repository)) {
    throw new UsageError(
      `--repository ${JSON.stringify(repository)} — is not an ECR repository URL — use the stack's ` +
        'image_repository_url output, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/ftp-kit/ftp',
    );
  }
  const builder = findImageBuilder(options.env, options.builder);
  const local = localImageName(config);
  const remote = `${repository}:${local.split(':').pop()}`;
  if (builder === 'docker') {
    runTool(builder, ['tag', local, remote]);
    runTool(builder, ['push', remote]);
  } else {
    runTool(builder, ['push', local, `docker://${remote}`]);
  }
  return remote;
}
