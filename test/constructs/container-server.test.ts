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
    /** `${type.name.attr}` of the one resource of `type` that `match` picks (default: the only one). */
    const refTo = (type: string, attr: string, match: (b: Block) => boolean = () => true) => ref(type, nameOf(s, type, match), attr);
    const groupArn = (port: number) => refTo('aws_lb_target_group', 'arn', (g) => g.port === port);
    const secretArn = (user: string) => refTo('aws_secretsmanager_secret', 'arn', (b) => b.tags['ftp-kit:user'] === user);

    test('THEN the NLB has exactly 21 TCP listeners: 2121 and 50000–50019, each to its own IP target group on that port', () => {
      const listeners = s.all('aws_lb_listener');
      expect(listeners.map((l) => l.port).sort()).toEqual([2121, ...PASSIVE].sort());
      const groups = s.resources('aws_lb_target_group');
      expect(Object.keys(groups)).toHaveLength(21);
      for (const listener of listeners) {
        expect(listener.protocol).toBe('TCP');
        const groupName = /^\$\{aws_lb_target_group\.([^.]+)\.arn\}$/.exec(listener.default_action[0].target_group_arn)![1];
        const ipTargets = { protocol: 'TCP', target_type: 'ip', preserve_client_ip: 'true' };
        expect(groups[groupName]).toMatchObject({ port: listener.port, ...ipTargets });
        expect(groups[groupName].health_check).toMatchObject({ protocol: 'TCP', port: '2121' });
      }
    });

    test("THEN the NLB is internet-facing, cross-zone, in one subnet with an Elastic IP that is the task's pasv_address", () => {
      const [lb] = s.all('aws_lb');
      expect(lb).toMatchObject({ load_balancer_type: 'network', internal: false, enable_cross_zone_load_balancing: true });
      const eips = s.resources('aws_eip');
      expect(Object.keys(eips)).toHaveLength(1);
      const eip = Object.keys(eips)[0];
      expect(lb.subnet_mapping).toEqual([{ subnet_id: refTo('aws_subnet', 'id'), allocation_id: ref('aws_eip', eip, 'allocation_id') }]);
      expect(container.environment).toContainEqual({ name: 'FTPKIT_PASV_ADDRESS', value: ref('aws_eip', eip, 'public_ip') });
    });

    test('THEN one Fargate task on platform 1.4.0, no public IP, only the control target group attached by the service', () => {
      const [service] = s.all('aws_ecs_service');
      expect(service).toMatchObject({ launch_type: 'FARGATE', platform_version: '1.4.0', desired_count: 1 });
      expect(service.deployment_maximum_percent).toBe(100);
      expect(service.network_configuration.assign_public_ip).toBe(false);
      expect(service.load_balancer).toEqual([{ target_group_arn: groupArn(2121), container_name: 'vsftpd', container_port: 2121 }]);
      // ECS refuses a target group no listener uses yet: the service waits for the control listener.
      expect(service.depends_on).toEqual([`aws_lb_listener.${nameOf(s, 'aws_lb_listener', (l) => l.port === 2121)}`]);
    });

    test('THEN the container: read-only root, not privileged, default capabilities dropped but CHOWN, SETGID, SETUID, SYS_CHROOT', () => {
      expect(container).toMatchObject({ readonlyRootFilesystem: true, privileged: false });
      expect(container.linuxParameters.capabilities.add).toEqual([]);
      const kept = DEFAULT_CONTAINER_CAPABILITIES.filter((c) => !container.linuxParameters.capabilities.drop.includes(c));
      expect(kept).toEqual(['CHOWN', 'SETGID', 'SETUID', 'SYS_CHROOT']);
    });

    test('THEN the image is the repository URL with the content tag ftp-kit image build gives it', () => {
      expect(container.image).toBe(`${refTo('aws_ecr_repository', 'repository_url')}:${renderContainerContext(config(ECS_INPUT)).tag}`);
      const [repo] = s.all('aws_ecr_repository');
      expect(repo).toMatchObject({ image_tag_mutability: 'IMMUTABLE', image_scanning_configuration: { scan_on_push: true } });
    });

    test("THEN each user's password comes from that user's secret, and the passive target groups are listed with their ports", () => {
      expect(container.secrets).toEqual([
        { name: 'FTPKIT_PASSWORD_1', valueFrom: secretArn('alice') },
        { name: 'FTPKIT_PASSWORD_2', valueFrom: secretArn('bob') },
      ]);
      const groups = container.environment.find((e: Block) => e.name === 'FTPKIT_TARGET_GROUPS').value.split(' ');
      expect(groups).toEqual(PASSIVE.map((p) => `${p}=${groupArn(p)}`));
    });

    test('THEN the task role may (de)register targets in exactly the 20 passive groups, and mount only through the access point', () => {
      const policy = JSON.parse(s.all('aws_iam_role_policy').find((p) => p.name === 'ftp-task')!.policy);
      const [join, mount] = policy.Statement;
      expect(join.Action).toEqual(['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets']);
      expect(join.Resource).toEqual(PASSIVE.map(groupArn));
      expect(mount.Resource).toEqual([refTo('aws_efs_file_system', 'arn')]);
      expect(mount.Condition).toEqual({ StringEquals: { 'elasticfilesystem:AccessPointArn': refTo('aws_efs_access_point', 'arn') } });
      expect(policy.Statement).toHaveLength(2);
    });

    test("THEN the execution role reads exactly the users' secrets and pulls only from the repository", () => {
      const policy = JSON.parse(s.all('aws_iam_role_policy').find((p) => p.name === 'start-ftp-task')!.policy);
      const bySid = Object.fromEntries(policy.Statement.map((st: Block) => [st.Sid, st]));
      expect(bySid.ReadUserSecrets.Resource).toEqual([secretArn('alice'), secretArn('bob')]);
      expect(bySid.PullImage.Resource).toEqual([refTo('aws_ecr_repository', 'arn')]);
      expect(bySid.WriteLogs.Resource).toEqual([`${refTo('aws_cloudwatch_log_group', 'arn')}:*`]);
    });

    test('THEN EFS is encrypted, mounted with transit encryption via the access point; its mount target admits only the task', () => {
      expect(s.all('aws_efs_file_system')[0].encrypted).toBe(true);
      const [volume] = s.all('aws_ecs_task_definition')[0].volume.filter((v: Block) => v.efs_volume_configuration);
      expect(volume.efs_volume_configuration).toMatchObject({ transit_encryption: 'ENABLED', authorization_config: { iam: 'ENABLED' } });
      const efsGroup = refTo('aws_security_group', 'id', (g) => g.name_prefix === 'drop-efs-');
      const rules = s.all('aws_vpc_security_group_ingress_rule').filter((r) => r.security_group_id === efsGroup);
      const taskGroup = refTo('aws_security_group', 'id', (g) => g.name_prefix === 'drop-task-');
      expect(rules).toEqual([expect.objectContaining({ referenced_security_group_id: taskGroup, from_port: 2049, to_port: 2049 })]);
    });

    test('THEN the log group is KMS-encrypted and keeps events 90 days', () => {
      const [group] = s.all('aws_cloudwatch_log_group');
      expect(group).toMatchObject({ name: '/ftp-kit/drop', retention_in_days: 90, kms_key_id: refTo('aws_kms_key', 'arn') });
    });

    test('THEN the allowlist reaches task and NLB on 2121 and 50000–50019; the NLB the task on 2121 (health checks); no more', () => {
      const paths = ingressPaths(s).filter((p) => !p.includes('2049') && !p.endsWith(' 443-443'));
      const lbGroup = refTo('aws_security_group', 'id', (g) => g.name_prefix === 'drop-nlb-');
      // Each allowlist path twice: once into the task's group, once into the load balancer's.
      const allowed = ['198.51.100.0/24', '2001:db8::/32'].flatMap((cidr) => [`tcp ${cidr} 2121-2121`, `tcp ${cidr} 50000-50019`]);
      expect(paths).toEqual([...allowed, ...allowed, `? sg ${lbGroup} 2121-2121`].sort());
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
