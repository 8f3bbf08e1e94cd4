import { TerraformLocal } from 'cdktf';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { terraformTemplateLiteral } from '../../lib/constructs/template-literal';
import { synth } from './helpers';

describe('terraformTemplateLiteral', () => {
  test('GIVEN shell expansions and template directives THEN they are escaped for Terraform', () => {
    expect(terraformTemplateLiteral('echo "${HOME}" %{if x} $${y} $PATH 100%')).toBe(
      'echo "${"$"}{HOME}" %%{if x} ${"$"}${"$"}{y} $PATH 100%',
    );
  });

  test('GIVEN text without $ or % THEN it is unchanged', () => {
    expect(terraformTemplateLiteral('#cloud-config\nruncmd: []\n')).toBe('#cloud-config\nruncmd: []\n');
  });

  describe('GIVEN a cdktf token between literal ${...}', () => {
    test('THEN the token synthesizes to a live reference and the literal stays escaped', () => {
      const s = synth((stack) => {
        const eip = new Eip(stack, 'Ip', { domain: 'vpc' });
        new TerraformLocal(stack, 'text', terraformTemplateLiteral(`a=\${A} ip=${eip.publicIp} b=%{B}`));
      });
      expect(s.json.locals.text).toBe('a=${"$"}{A} ip=${aws_eip.Ip.public_ip} b=%%{B}');
    });

    test('THEN an unbalanced literal ${ before the token leaves the token a live reference (cdktf reads `${` as an expression)', () => {
      const s = synth((stack) => {
        const eip = new Eip(stack, 'Ip', { domain: 'vpc' });
        new TerraformLocal(stack, 'text', terraformTemplateLiteral(`banner=\${ ip=${eip.publicIp} x=$\${`));
      });
      expect(s.json.locals.text).toBe('banner=${"$"}{ ip=${aws_eip.Ip.public_ip} x=${"$"}${"$"}{');
    });
  });
});
