import { block, referencesIn } from '../model/expressions';
import { ModelResource, TfModel } from '../model/types';
import { Rule } from './types';

const text = (resource: ModelResource, key: string): unknown => resource.values[key] ?? resource.expressions[key];

/** `namespace/name` of the metrics counting vsftpd's FAIL LOGIN lines. */
function failedLoginMetrics(model: TfModel): Set<string> {
  const metrics = new Set<string>();
  for (const filter of model.ofType('aws_cloudwatch_log_metric_filter')) {
    const pattern = text(filter, 'pattern');
    if (typeof pattern !== 'string' || !pattern.includes('FAIL LOGIN')) continue;
    const known = block(filter.values.metric_transformation);
    const written = block(filter.expressions.metric_transformation);
    metrics.add(`${String(known.namespace ?? written.namespace)}/${String(known.name ?? written.name)}`);
  }
  return metrics;
}

/** True when the alarm notifies someone: an action that is a literal ARN or a reference to something. */
function notifies(alarm: ModelResource): boolean {
  const actions = text(alarm, 'alarm_actions');
  return (Array.isArray(actions) && actions.length > 0) || referencesIn(alarm.expressions.alarm_actions).length > 0;
}

/**
 * Brute force against an FTP server shows first as FAIL LOGIN lines. fail2ban stops one address;
 * a spread-out attack, or a partner locked out by a changed password, only shows on an alarm.
 */
export const rule: Rule = {
  id: 'FTPKIT-NO-FAILED-LOGIN-ALARM',
  level: 'medium',
  name: 'No alarm on failed logins',
  description:
    'The stack runs an FTP server but no CloudWatch alarm with an action watches a metric filter ' + "counting vsftpd's FAIL LOGIN lines.",
  fix:
    'Ship vsftpd.log to a log group with a metric filter on "FAIL LOGIN" and alarm on its metric with an SNS action ' +
    '(FtpServer does: FtpLogGroup and FtpAlarms).',
  refs: {},
  check(model) {
    const servers = model.ofType('aws_instance');
    if (servers.length === 0) return [];
    const metrics = failedLoginMetrics(model);
    const watched = model
      .ofType('aws_cloudwatch_metric_alarm')
      .some((alarm) => metrics.has(`${String(text(alarm, 'namespace'))}/${String(text(alarm, 'metric_name'))}`) && notifies(alarm));
    if (watched) return [];
    const why =
      metrics.size === 0
        ? "no metric filter counts vsftpd's FAIL LOGIN lines"
        : `no alarm with an action watches ${[...metrics].join(', ')}`;
    return servers.map((server) => ({ resource: server.address, message: `${server.address}: failed logins raise no alarm (${why})` }));
  },
};
