import { block, blocks, soleReference } from './expressions';
import { ModelResource, TfModel } from './types';

/** An ECS service as the container rules see it. */
export interface ContainerServiceView {
  readonly service: ModelResource;
  readonly taskDefinition?: ModelResource;
  /** The container port the service attaches to its (first) target group: the FTP control port. */
  readonly controlPort?: number;
  /** Address of that target group. */
  readonly controlTargetGroup?: string;
  /** Passive ports from the container's FTPKIT_TARGET_GROUPS, when the definition is readable (a synthesized stack). */
  readonly passivePorts?: readonly number[];
  /** Addresses (or ids) of the task's security groups. */
  readonly securityGroups: readonly string[];
}

const refOrValue = (written: unknown, known: unknown): string | undefined =>
  soleReference(written)?.address ?? (typeof known === 'string' ? known : undefined);

function containerEnv(definition: ModelResource | undefined): Record<string, string> | undefined {
  const text = definition?.values.container_definitions ?? definition?.expressions.container_definitions;
  if (typeof text !== 'string') return undefined;
  try {
    const containers = JSON.parse(text) as Array<{ environment?: Array<{ name: string; value: string }> }>;
    return Object.fromEntries(containers.flatMap((c) => c.environment ?? []).map((e) => [e.name, e.value]));
  } catch {
    return undefined;
  }
}

/** Every ECS service of the configuration, with its task definition, ports and security groups. */
export function containerServices(model: TfModel): ContainerServiceView[] {
  return model.ofType('aws_ecs_service').map((service) => {
    const e = service.expressions;
    const v = service.values;
    const definitionAddress = refOrValue(e.task_definition, v.task_definition);
    const taskDefinition = definitionAddress ? model.get(definitionAddress) : undefined;
    const lb = blocks(v.load_balancer)[0] ?? {};
    const lbWritten = blocks(e.load_balancer)[0] ?? {};
    const port = lb.container_port ?? lbWritten.container_port;
    const groups = blocks(e.network_configuration).length > 0 ? block(e.network_configuration).security_groups : undefined;
    const knownGroups = block(v.network_configuration).security_groups;
    const security = Array.isArray(groups) ? groups : Array.isArray(knownGroups) ? knownGroups : [];
    const env = containerEnv(taskDefinition);
    const passive = env?.FTPKIT_TARGET_GROUPS?.split(' ')
      .filter(Boolean)
      .map((pair) => Number(pair.split('=')[0]));
    return {
      service,
      taskDefinition,
      controlPort: typeof port === 'number' ? port : undefined,
      controlTargetGroup: refOrValue(lbWritten.target_group_arn, lb.target_group_arn),
      passivePorts: passive,
      securityGroups: security.map((g) => refOrValue(g, g)).filter((g): g is string => g !== undefined),
    };
  });
}
