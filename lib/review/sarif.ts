import { createHash } from 'node:crypto';
import { RULES } from '../checks';
import { Level, Rule } from '../checks/types';
import { ReviewResult } from './types';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

const SARIF_LEVEL: Readonly<Record<Level, 'error' | 'warning' | 'note'>> = { high: 'error', medium: 'warning', low: 'note' };
/** GitHub code scanning ranks security alerts by this number: ≥ 7 high, ≥ 4 medium, else low. */
const SECURITY_SEVERITY: Readonly<Record<Level, string>> = { high: '8.0', medium: '5.0', low: '3.0' };

export interface SarifOptions {
  /** The file results point at: the config, so alerts land on it in a pull request. @default 'ftp-kit.config.json' */
  readonly artifactUri?: string;
  /** ftp-kit's version. */
  readonly toolVersion?: string;
  /** @default RULES */
  readonly rules?: readonly Rule[];
}

/** FTPKIT-PASSIVE-RANGE-DRIFT → PassiveRangeDrift. */
function ruleName(id: string): string {
  return id
    .replace(/^FTPKIT-/, '')
    .toLowerCase()
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function refTags(rule: Rule): string[] {
  const { checkov = [], securityHub = [], cdkNag = [] } = rule.refs;
  return [...checkov.map((id) => `checkov:${id}`), ...securityHub.map((id) => `securityhub:${id}`), ...cdkNag.map((id) => `cdk-nag:${id}`)];
}

/** The review as SARIF 2.1.0: one reportingDescriptor per rule, one result per finding. */
export function formatSarif(result: ReviewResult, options: SarifOptions = {}): Record<string, unknown> {
  const rules = options.rules ?? RULES;
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const uri = options.artifactUri ?? 'ftp-kit.config.json';
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ftp-kit',
            ...(options.toolVersion ? { version: options.toolVersion } : {}),
            rules: rules.map((rule) => ({
              id: rule.id,
              name: ruleName(rule.id),
              shortDescription: { text: rule.name },
              fullDescription: { text: rule.description },
              help: { text: `Fix: ${rule.fix}`, markdown: `**Fix:** ${rule.fix}` },
              defaultConfiguration: { level: SARIF_LEVEL[rule.level] },
              properties: {
                tags: ['security', 'ftp', ...refTags(rule)],
                'security-severity': SECURITY_SEVERITY[rule.level],
                precision: 'high',
              },
            })),
          },
        },
        results: result.findings.map((f) => ({
          ruleId: f.id,
          ...(index.has(f.id) ? { ruleIndex: index.get(f.id) } : {}),
          level: SARIF_LEVEL[f.level],
          message: { text: `${f.message}. Fix: ${f.fix}` },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri }, region: { startLine: 1 } },
              logicalLocations: [{ fullyQualifiedName: f.resource, kind: 'resource' }],
            },
          ],
          // Stable across runs, so code scanning tracks one alert per rule and resource.
          partialFingerprints: { 'ftpKitFinding/v1': createHash('sha256').update(`${f.id}\n${f.resource}`).digest('hex') },
          ...(f.acknowledged && !f.acknowledged.counts
            ? { suppressions: [{ kind: 'external', status: 'accepted', justification: f.acknowledged.reason }] }
            : {}),
          properties: {
            resource: f.resource,
            ...(f.path ? { constructPath: f.path } : {}),
            ...(f.acknowledged ? { acknowledged: f.acknowledged.reason } : {}),
          },
        })),
      },
    ],
  };
}
