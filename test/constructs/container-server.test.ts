import { TerraformStack, Testing } from 'cdktf';
import { FtpContainerServer } from '../../lib/constructs/container-server';
import { FtpKitConfigInput } from '../../lib/config/schema';
import { ECS_INPUT } from './ecs-input';
import { containerCapabilities, DEFAULT_CONTAINER_CAPABILITIES, renderContainerContext } from '../../lib/render/container';
import { Block, config, ingressPaths, ref, Synth, synthStack } from './helpers';

const PASSIVE = Array.from({ length: 20 }, (_, i) => 50000 + i);

function build(input: FtpKitConfigInput): { s: Synth; server: FtpContainerServer } {
  const stack = new TerraformStack(Testing.app(), 'test');
  const server = new FtpContainerServer(stack, 'Server', { config: config(input) });
  return { s: synthStack(stack), server };
}

/** name of the resource of `type` whose body satisfies `match`. */
const nameOf = (s: Synth, type: string, match: (b: Block) => boolean): string => {
  const found = Object.entries(s.resources(type)).find(([, body]) => match(body));
  if (!found) throw new Error(`no ${type} matches`);
  return found[0];
};

describe('FtpContainerServer', () => {
  describe('GIVEN the acceptance config (control 2121, passive 50000–50019)', () => {
    let s: Synth;
    let container: Block;
    beforeAll(() => {
      s = build(ECS_INPUT).s;
      container = JSON.parse(s.all('aws_ecs_task_definition')[0].container_definitions)[0];
    });

    test('THEN the NLB has exactly 21 TCP listeners: 2121 and 50000–50019, each forwarding to its own IP target group on the same port', () => {
      const listeners = s.all('aws_lb_listener');
      expect(listeners.map((l) => l.port).sort()).toEqual([2121, ...PASSIVE].sort());
      const groups = s.resources('aws_lb_target_group');
      expect(Object.keys(groups)).toHaveLength(21);
      for (const listener of listeners) {
        expect(listener.protocol).toBe('TCP');
        const groupName = /^\$\{aws_lb_target_group\.([^.]+)\.arn\}$/.exec(listener.default_action[0].target_group_arn)![1];
        expect(groups[groupName]).toMatchObject({ port: listener.port, protocol: 'TCP', target_type: 'ip', preserve_client_ip: 'true' });
        expect(groups[groupName].health_check).toMatchObject({ protocol: 'TCP', port: '2121' });
      }
    });

    test('THEN the NLB is internet-facing, cross-zone, in one subnet with an Elastic IP that is the task\'s pasv_address', () => {
      const [lb] = s.all('aws_lb');
      expect(lb).toMatchObject({ load_balancer_type: 'network', internal: false, enable_cross_zone_load_balancing: true });
      const eips = s.resources('aws_eip');
      expect(Object.keys(eips)).toHaveLength(1);
      const eip = Object.keys(eips)[0];
      expect(lb.subnet_mapping).toEqual([{ subnet_id: ref('aws_subnet', nameOf(s, 'aws_subnet', () => true), 'id'), allocation_id: ref('aws_eip', eip, 'allocation_id') }]);
      expect(container.environment).toContainEqual({ name: 'FTPKIT_PASV_ADDRESS', value: ref('aws_eip', eip, 'public_ip') });
    });

    test('THEN one Fargate task on platform 1.4.0, no public IP, only the control target group attached by the service', () => {
      const [service] = s.all('aws_ecs_service');
      expect(service).toMatchObject({ launch_type: 'FARGATE', platform_version: '1.4.0', desired_count: 1, deployment_maximum_percent: 100 });
      expect(service.network_configuration.assign_public_ip).toBe(false);
      const control = nameOf(s, 'aws_lb_target_group', (g) => g.port === 2121);
      expect(service.load_balancer).toEqual([{ target_group_arn: ref('aws_lb_target_group', control, 'arn'), container_name: 'vsftpd', container_port: 2121 }]);
      // ECS refuses a target group no listener uses yet: the service waits for the control listener.
      expect(service.depends_on).toEqual([`aws_lb_listener.${nameOf(s, 'aws_lb_listener', (l) => l.port === 2121)}`]);
    });

    test('THEN the container is hardened: read-only root, not privileged, every default capability dropped but CHOWN, SETGID, SETUID, SYS_CHROOT', () => {
      expect(container).toMatchObject({ readonlyRootFilesystem: true, privileged: false });
      expect(container.linuxParameters.capabilities.add).toEqual([]);
      const kept = DEFAULT_CONTAINER_CAPABILITIES.filter((c) => !container.linuxParameters.capabilities.drop.includes(c));
      expect(kept).toEqual(['CHOWN', 'SETGID', 'SETUID', 'SYS_CHROOT']);
    });

    test('THEN the image is the repository URL with the content tag ftp-kit image build gives it', () => {
      const repo = nameOf(s, 'aws_ecr_repository', () => true);
      expect(container.image).toBe(`${ref('aws_ecr_repository', repo, 'repository_url')}:${renderContainerContext(config(ECS_INPUT)).tag}`);
      expect(s.resources('aws_ecr_repository')[repo]).toMatchObject({ image_tag_mutability: 'IMMUTABLE', image_scanning_configuration: { scan_on_push: true } });
    });

    test('THEN each user\'s password comes from that user\'s secret, and the passive target groups are listed with their ports', () => {
      const secret = (user: string) => ref('aws_secretsmanager_secret', nameOf(s, 'aws_secretsmanager_secret', (b) => b.tags['ftp-kit:user'] === user), 'arn');
      expect(container.secrets).toEqual([{ name: 'FTPKIT_PASSWORD_1', valueFrom: secret('alice') }, { name: 'FTPKIT_PASSWORD_2', valueFrom: secret('bob') }]);
      const groups = container.environment.find((e: Block) => e.name === 'FTPKIT_TARGET_GROUPS').value.split(' ');
      expect(groups).toEqual(PASSIVE.map((p) => `${p}=${ref('aws_lb_target_group', nameOf(s, 'aws_lb_target_group', (g) => g.port === p), 'arn')}`));
    });

    test('THEN the task role may (de)register targets in exactly the 20 passive target groups, and mount only through the access point', () => {
      const policy = JSON.parse(s.all('aws_iam_role_policy').find((p) => p.name === 'ftp-task')!.policy);
      const [join, mount] = policy.Statement;
      expect(join.Action).toEqual(['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets']);
      expect(join.Resource).toEqual(PASSIVE.map((p) => ref('aws_lb_target_group', nameOf(s, 'aws_lb_target_group', (g) => g.port === p), 'arn')));
      const fs = nameOf(s, 'aws_efs_file_system', () => true);
      expect(mount.Resource).toEqual([ref('aws_efs_file_system', fs, 'arn')]);
      expect(mount.Condition).toEqual({ StringEquals: { 'elasticfilesystem:AccessPointArn': ref('aws_efs_access_point', nameOf(s, 'aws_efs_access_point', () => true), 'arn') } });
      expect(policy.Statement).toHaveLength(2);
    });

    test('THEN the execution role reads exactly the users\' secrets and pulls only from the repository', () => {
      const policy = JSON.parse(s.all('aws_iam_role_policy').find((p) => p.name === 'start-ftp-task')!.policy);
      const bySid = Object.fromEntries(policy.Statement.map((st: Block) => [st.Sid, st]));
      expect(bySid.ReadUserSecrets.Resource).toEqual(['alice', 'bob'].map((u) => ref('aws_secretsmanager_secret', nameOf(s, 'aws_secretsmanager_secret', (b) => b.tags['ftp-kit:user'] === u), 'arn')));
      expect(bySid.PullImage.Resource).toEqual([ref('aws_ecr_repository', nameOf(s, 'aws_ecr_repository', () => true), 'arn')]);
      expect(bySid.WriteLogs.Resource).toEqual([`${ref('aws_cloudwatch_log_group', nameOf(s, 'aws_cloudwatch_log_group', () => true), 'arn')}:*`]);
    });

    test('THEN EFS is encrypted, mounted with transit encryption through the access point, and its mount target admits only the task on 2049', () => {
      expect(s.all('aws_efs_file_system')[0].encrypted).toBe(true);
      const [volume] = s.all('aws_ecs_task_definition')[0].volume.filter((v: Block) => v.efs_volume_configuration);
      expect(volume.efs_volume_configuration).toMatchObject({ transit_encryption: 'ENABLED', authorization_config: { iam: 'ENABLED' } });
      const efsGroup = nameOf(s, 'aws_security_group', (g) => g.name_prefix === 'drop-efs-');
      const rules = s.all('aws_vpc_security_group_ingress_rule').filter((r) => r.security_group_id === ref('aws_security_group', efsGroup, 'id'));
      const taskGroup = nameOf(s, 'aws_security_group', (g) => g.name_prefix === 'drop-task-');
      expect(rules).toEqual([expect.objectContaining({ referenced_security_group_id: ref('aws_security_group', taskGroup, 'id'), from_port: 2049, to_port: 2049 })]);
    });

    test('THEN the log group is KMS-encrypted and keeps events 90 days', () => {
      const [group] = s.all('aws_cloudwatch_log_group');
      expect(group).toMatchObject({ name: '/ftp-kit/drop', retention_in_days: 90, kms_key_id: ref('aws_kms_key', nameOf(s, 'aws_kms_key', () => true), 'arn') });
    });

    test('THEN clients reach the task only from the allowlist on 2121 and 50000–50019; the NLB only on the control port (health checks)', () => {
      const paths = ingressPaths(s).filter((p) => !p.includes('2049') && !p.endsWith(' 443-443'));
      const lbGroup = ref('aws_security_group', nameOf(s, 'aws_security_group', (g) => g.name_prefix === 'drop-nlb-'), 'id');
      expect(paths).toEqual([
        'tcp 198.51.100.0/24 2121-2121', 'tcp 198.51.100.0/24 2121-2121', 'tcp 198.51.100.0/24 50000-50019', 'tcp 198.51.100.0/24 50000-50019',
        'tcp 2001:db8::/32 2121-2121', 'tcp 2001:db8::/32 2121-2121', 'tcp 2001:db8::/32 50000-50019', 'tcp 2001:db8::/32 50000-50019',
        `? sg ${lbGroup} 2121-2121`,
      ].sort());
    });
  });

  describe('GIVEN control port 21', () => {
    test('THEN NET_BIND_SERVICE is kept too', () => {
      const { s } = build({ ...ECS_INPUT, controlPort: 21 });
      const container = JSON.parse(s.all('aws_ecs_task_definition')[0].container_definitions)[0];
      expect(container.linuxParameters.capabilities.drop).not.toContain('NET_BIND_SERVICE');
      expect(containerCapabilities(config({ ...ECS_INPUT, controlPort: 21 }))).toContain('NET_BIND_SERVICE');
    });
  });
});
