import { blocks, soleReference } from '../model/expressions';
import { containerServices } from '../model/container';
import { Rule, RuleFinding } from './types';

/**
 * A Network Load Balancer in front of vsftpd must listen on exactly the control port and the
 * passive range: a passive port without a listener breaks every transfer vsftpd announces on it;
 * a listener on any other port exposes the task for nothing. Each listener must forward to a target
 * group on its own port, since the client connects to the port the 227 reply names.
 */
export const rule: Rule = {
  id: 'FTPKIT-ECS-LISTENERS',
  level: 'high',
  name: 'Load balancer listeners differ from the control port and passive range',
  description:
    "The listeners of the FTP task's Network Load Balancer must be the control port plus every port of the passive range, " +
    'each forwarding to a target group on the same port.',
  fix:
    'Derive listeners from one config: set controlPort and passivePorts (at most 49 ports) and let FtpContainerServer ' +
    'make the listeners; remove listeners added by hand.',
  refs: {},
  check(model) {
    const findings: RuleFinding[] = [];
    for (const view of containerServices(model)) {
      const control = view.controlPort;
      const controlGroup = view.controlTargetGroup ? model.get(view.controlTargetGroup) : undefined;
      if (control === undefined || !controlGroup) continue;
      const lbOf = (listener: { expressions: Record<string, unknown> }) => soleReference(listener.expressions.load_balancer_arn)?.address;
      const groupOf = (listener: { expressions: Record<string, unknown>; values: Record<string, unknown> }) =>
        soleReference(blocks(listener.expressions.default_action)[0]?.target_group_arn)?.address;
      const controlListener = model.ofType('aws_lb_listener').find((l) => groupOf(l) === controlGroup.address);
      const lb = controlListener ? lbOf(controlListener) : undefined;
      if (!lb) continue;
      const listeners = model.ofType('aws_lb_listener').filter((l) => lbOf(l) === lb);
      const ports = new Map<number, string>();
      for (const listener of listeners) {
        const port = Number(listener.values.port ?? listener.expressions.port);
        ports.set(port, listener.address);
        const group = groupOf(listener);
        const groupPort = group ? Number(model.get(group)?.values.port ?? model.get(group)?.expressions.port) : undefined;
        if (groupPort !== undefined && groupPort !== port) {
          const message =
            `${listener.address} listens on ${port} but forwards to ${group}, port ${groupPort}: ` +
            'a passive connection would reach another port than vsftpd announced';
          findings.push({ resource: listener.address, message });
        }
      }
      const passive = [...ports.keys()].filter((p) => p !== control).sort((a, b) => a - b);
      const wanted = view.passivePorts ? [...view.passivePorts].sort((a, b) => a - b) : passive;
      const from = wanted[0];
      const to = wanted[wanted.length - 1];
      for (let p = from; wanted.length > 0 && p <= to; p++) {
        if (ports.has(p)) continue;
        const message = `${lb} has no listener on passive port ${p} of ${from}-${to}: transfers vsftpd announces there fail`;
        findings.push({ resource: view.service.address, message });
      }
      for (const p of passive) {
        if (p >= from && p <= to) continue;
        const message = `${ports.get(p)} listens on ${p}, neither the control port ${control} nor in the passive range ${from}-${to}`;
        findings.push({ resource: ports.get(p)!, message });
      }
      if (!ports.has(control)) {
        findings.push({ resource: view.service.address, message: `${lb} has no listener on the control port ${control}` });
      }
    }
    return findings;
  },
};
