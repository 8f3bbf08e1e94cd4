import { ConfigError, ConfigProblem } from '../config/load';
import { RULES } from './index';
import { Acknowledgement, Rule } from './types';

/** The acknowledgement that `allowPublic: true` stands for. */
export const PUBLIC_INGRESS_RULE = 'FTPKIT-PUBLIC-INGRESS';
export const ALLOW_PUBLIC_REASON = 'allowPublic: true in the config';

/**
 * The config's acknowledgements: `acknowledge` as written, plus FTPKIT-PUBLIC-INGRESS when
 * `allowPublic` is true (an explicit entry for it keeps its own reason). An entry naming no rule
 * is refused (ConfigError, every such entry at once): a typo would otherwise silently accept nothing.
 */
export function acknowledgementsOf(
  config: { readonly acknowledge?: readonly Acknowledgement[]; readonly allowPublic?: boolean },
  rules: readonly Rule[] = RULES,
): Acknowledgement[] {
  const acks = [...(config.acknowledge ?? [])];
  const known = rules.map((r) => r.id);
  const problems: ConfigProblem[] = acks.flatMap((a, i) =>
    known.includes(a.rule)
      ? []
      : [
          {
            field: `acknowledge[${i}].rule`,
            value: a.rule,
            problem: 'is not a rule id',
            fix: `use one of: ${known.join(', ')}`,
          },
        ],
  );
  if (problems.length > 0) throw new ConfigError(problems);
  if (config.allowPublic && !acks.some((a) => a.rule === PUBLIC_INGRESS_RULE))
    acks.push({ rule: PUBLIC_INGRESS_RULE, reason: ALLOW_PUBLIC_REASON });
  return acks;
}
