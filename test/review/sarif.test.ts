import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { RULES } from '../../lib/checks';
import { acknowledgementsOf } from '../../lib/checks/acknowledge';
import { reviewPlan } from '../../lib/review/review';
import { formatSarif, SARIF_SCHEMA_URI } from '../../lib/review/sarif';
import { edited, serverJson, setVsftpd, SERVER_INPUT } from '../checks/helpers';

const SCHEMA_FILE = path.join(__dirname, 'schemas', 'sarif-2.1.0-rtm.5.json');

/** The SARIF 2.1.0 schema (draft-04) compiled with ajv. Its one pattern that is invalid under /u compiles without it. */
function sarifValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
}

describe('formatSarif', () => {
  const validate = sarifValidator();
  let sarif: Record<string, any>;
  beforeAll(() => {
    const json = edited(serverJson({ ...SERVER_INPUT, allow: ['0.0.0.0/0'], allowPublic: true }), (j) => {
      setVsftpd(j, 'require_ssl_reuse', 'NO');
      setVsftpd(j, 'anonymous_enable', 'YES');
    });
    const result = reviewPlan(json, {
      acknowledgements: acknowledgementsOf({
        allowPublic: true,
        acknowledge: [{ rule: 'FTPKIT-SSL-REUSE', reason: 'legacy client of partner X' }],
      }),
    });
    sarif = formatSarif(result, { artifactUri: 'ftp-kit.config.yaml', toolVersion: '0.1.0' });
  });

  test('THEN the vendored schema is the file named in schemas/SOURCE.md', () => {
    expect(createHash('sha256').update(readFileSync(SCHEMA_FILE)).digest('hex')).toBe(
      '2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8',
    );
  });

  test('THEN the log is valid SARIF 2.1.0', () => {
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    expect(sarif).toMatchObject({ $schema: SARIF_SCHEMA_URI, version: '2.1.0' });
  });

  test('fails schema validation when a result is broken (the validator is not vacuous)', () => {
    const broken = structuredClone(sarif);
    broken.runs[0].results[0].level = 'fatal';
    delete broken.runs[0].tool.driver.name;
    expect(validate(broken)).toBe(false);
    expect(validate.errors!.length).toBeGreaterThanOrEqual(2);
  });

  test("THEN there is one rule per check id, with its level, fix and the other tools' ids as tags", () => {
    const rules = sarif.runs[0].tool.driver.rules;
    expect(rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
    const ssh = rules.find((r: { id: string }) => r.id === 'FTPKIT-SSH-INGRESS');
    expect(ssh).toMatchObject({ name: 'SshIngress', defaultConfiguration: { level: 'error' }, properties: { 'security-severity': '8.0' } });
    expect(ssh.properties.tags).toEqual(expect.arrayContaining(['checkov:CKV_AWS_24', 'securityhub:EC2.13']));
  });

  test('THEN each finding is a result on the config file and the resource, acknowledged ones suppressed unless they still count', () => {
    const results = sarif.runs[0].results;
    expect(results.map((r: Record<string, any>) => [r.ruleId, r.level, Boolean(r.suppressions)])).toEqual([
      ['FTPKIT-ANONYMOUS', 'error', false],
      ['FTPKIT-SSL-REUSE', 'warning', true],
      ['FTPKIT-PUBLIC-INGRESS', 'note', false],
      ['FTPKIT-PUBLIC-INGRESS', 'note', false],
    ]);
    for (const r of results) {
      expect(sarif.runs[0].tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe('ftp-kit.config.yaml');
      expect(r.locations[0].logicalLocations[0].fullyQualifiedName).toMatch(/^(aws_|terraform_data\.)/);
      expect(r.partialFingerprints['ftpKitFinding/v1']).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(results[1].suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'legacy client of partner X' }]);
  });
});
