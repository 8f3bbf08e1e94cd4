/* The outputs of target "ecs" (see lib/stack/app.ts for why outputs live outside the constructs). */
import { TerraformOutput, TerraformStack } from 'cdktf';
import { FtpContainerServer } from '../constructs/container-server';

/** `terraform output -json` keys of an "ecs" stack: public_ip and endpoint as the EC2 stack's. */
export const CONTAINER_OUTPUT_NAMES = [
  'public_ip',
  'endpoint',
  'security_group_id',
  'prefix_list_ids',
  'availability_zone',
  'user_secret_arns',
  'image_repository_url',
  'image',
  'file_system_id',
  'cluster_name',
  'service_name',
  'log_group_name',
] as const;

export function addContainerOutputs(stack: TerraformStack, server: FtpContainerServer): void {
  const out = (name: (typeof CONTAINER_OUTPUT_NAMES)[number], value: unknown, description: string) =>
    new TerraformOutput(stack, name, { value, description, staticId: true });
  out('public_ip', server.publicIp, "Elastic IP of the load balancer: partners connect here, and it is vsftpd's pasv_address");
  out('endpoint', server.endpoint, 'Connect with explicit FTPS (AUTH TLS)');
  out('security_group_id', server.securityGroupId, 'Security group of the FTP task (the allowlist)');
  out('prefix_list_ids', server.prefixListIds, 'Managed prefix lists of the allowlist');
  out('availability_zone', server.availabilityZone, "Zone of the load balancer's address and the task");
  out('user_secret_arns', server.userSecretArns, "user -> Secrets Manager secret: put that user's password there before the task starts");
  out('image_repository_url', server.repositoryUrl, 'ECR repository: ftp-kit image push --repository <this>');
  out('image', server.image, 'The image (and tag) the task runs: ftp-kit image build makes it');
  out('file_system_id', server.fileSystemId, "EFS file system holding the users' files");
  out('cluster_name', server.service.clusterName, 'ECS cluster');
  out('service_name', server.service.serviceName, 'ECS service (one task)');
  out('log_group_name', server.service.logGroupName, "CloudWatch log group: vsftpd's log");
}
