import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { UsageError } from '../../lib/cli/errors';
import { findImageBuilder, localImageName, pushImage, repositoryFromOutputs, writeImageContext } from '../../lib/cli/image';
import { renderContainerContext } from '../../lib/render/container';
import { config } from '../constructs/helpers';
import { ECS_INPUT } from '../constructs/ecs-input';

describe('ftp-kit image (lib/cli/image)', () => {
  let bin: string;
  beforeAll(() => {
    bin = mkdtempSync(path.join(tmpdir(), 'ftp-kit-image-bin-'));
    for (const tool of ['buildah', 'docker']) {
      writeFileSync(path.join(bin, tool), '#!/bin/sh\nexit 0\n');
      chmodSync(path.join(bin, tool), 0o755);
    }
  });
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  test('GIVEN buildah and docker on PATH THEN the first present of podman, buildah, docker is used, or the one asked for', () => {
    expect(findImageBuilder({ PATH: bin })).toBe('buildah');
    expect(findImageBuilder({ PATH: bin }, 'docker')).toBe('docker');
  });

  test('fails when no builder is on PATH, when the one asked for is missing, or unknown: a usage error naming the fix', () => {
    expect(() => findImageBuilder({ PATH: '/nonexistent' })).toThrow(
      new UsageError(
        'no image builder — ftp-kit image needs podman, buildah or docker on PATH — install one (e.g. apt-get install podman)',
      ),
    );
    expect(() => findImageBuilder({ PATH: bin }, 'podman')).toThrow(/--builder podman — is not on PATH/);
    expect(() => findImageBuilder({ PATH: bin }, 'kaniko')).toThrow(/--builder kaniko — is not supported — use one of: podman/);
  });

  test('GIVEN the ecs config THEN the context holds the rendered files and executable scripts; the name carries the content tag', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-image-ctx-'));
    try {
      writeImageContext(config(ECS_INPUT), dir);
      expect(readFileSync(path.join(dir, 'rendered/etc/ftp-kit/users.list'), 'utf8')).toBe('alice\nbob\n');
      expect(statSync(path.join(dir, 'entrypoint.sh')).mode & 0o111).toBe(0o111);
      expect(statSync(path.join(dir, 'Containerfile')).mode & 0o111).toBe(0);
      expect(localImageName(config(ECS_INPUT))).toBe(`localhost/ftp-kit-drop:${renderContainerContext(config(ECS_INPUT)).tag}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('fails when the repository is not an ECR URL, before any builder runs', () => {
    expect(() => pushImage(config(ECS_INPUT), 'docker.io/me/ftp', { env: { PATH: '/nonexistent' } })).toThrow(
      /--repository "docker.io\/me\/ftp" — is not an ECR repository URL/,
    );
  });

  test('GIVEN terraform outputs THEN the repository URL is image_repository_url; fails when there is none', () => {
    const url = '123456789012.dkr.ecr.eu-central-1.amazonaws.com/ftp-kit/drop';
    expect(repositoryFromOutputs({ image_repository_url: { value: url } })).toBe(url);
    expect(() => repositoryFromOutputs({ public_ip: { value: '203.0.113.10' } })).toThrow(
      /image_repository_url — the stack has no such output/,
    );
  });
});
