import { block, blocks, interpolations, isTemplate, referencesIn, soleReference, unescapeTemplate } from '../../lib/model/expressions';

describe('expressions', () => {
  test('GIVEN a template THEN its interpolations are found, nested braces and $${ escapes respected', () => {
    expect(interpolations('a ${aws_eip.x.public_ip} b $${HOME} ${jsonencode({a = local.b})}')).toEqual([
      'aws_eip.x.public_ip',
      'jsonencode({a = local.b})',
    ]);
    expect(isTemplate('plain $${HOME} and %%{x}')).toBe(false);
    expect(isTemplate('${var.x}')).toBe(true);
    expect(isTemplate('%{ if true }x%{ endif }')).toBe(true);
  });

  test('GIVEN escapes THEN unescapeTemplate gives the literal text Terraform would produce', () => {
    expect(unescapeTemplate('echo "$${HOME}" %%{x}')).toBe('echo "${HOME}" %{x}');
    // How terraformLiteral writes `${` and a cdktf token marker: constant interpolations, read as their text.
    expect(isTemplate('a ${"$"}{b} T${"f"}Token[')).toBe(false);
    expect(unescapeTemplate('a ${"$"}${"$"}{b} T${"f"}Token[ $${c}')).toBe('a $${b} TfToken[ ${c}');
  });

  test('GIVEN references of every form THEN referencesIn finds each once, and not inside string literals', () => {
    const refs = referencesIn({
      a: '${aws_ec2_managed_prefix_list.Server_AllowList_Ipv4_CA24611B.id}',
      b: ['${tostring(aws_launch_template.lt.latest_version)}', '${data.aws_ami.debian.id}'],
      c: '${base64gzip(local.Server_Instance_UserData_269DCF9B)} ${aws_secretsmanager_secret.Server_UserSecrets_User-alice_D3B9E0AE.arn}',
      d: '${aws_instance.i[0].id} ${format("%s.x", "aws_fake.name")}',
      e: '${aws_ec2_managed_prefix_list.Server_AllowList_Ipv4_CA24611B.id}',
    });
    expect(refs).toEqual([
      { address: 'aws_ec2_managed_prefix_list.Server_AllowList_Ipv4_CA24611B', attribute: 'id' },
      { address: 'aws_launch_template.lt', attribute: 'latest_version' },
      { address: 'data.aws_ami.debian', attribute: 'id' },
      { address: 'local.Server_Instance_UserData_269DCF9B', attribute: undefined },
      { address: 'aws_secretsmanager_secret.Server_UserSecrets_User-alice_D3B9E0AE', attribute: 'arn' },
      { address: 'aws_instance.i', attribute: 'id' },
    ]);
  });

  test('GIVEN a string THEN soleReference is set only when the string is exactly one reference', () => {
    expect(soleReference('${aws_eip.ip.public_ip}')).toEqual({ address: 'aws_eip.ip', attribute: 'public_ip' });
    expect(soleReference('${aws_instance.i[0].id}')).toEqual({ address: 'aws_instance.i', attribute: 'id' });
    expect(soleReference('${tostring(aws_eip.ip.public_ip)}')).toBeUndefined();
    expect(soleReference('x ${aws_eip.ip.public_ip}')).toBeUndefined();
    expect(soleReference(42)).toBeUndefined();
  });

  test('GIVEN a block written as an object (cdktf) or a list (plan) THEN blocks gives a list either way', () => {
    expect(blocks({ a: 1 })).toEqual([{ a: 1 }]);
    expect(blocks([{ a: 1 }, null, 'x'])).toEqual([{ a: 1 }]);
    expect(blocks(undefined)).toEqual([]);
    expect(block([{ a: 2 }])).toEqual({ a: 2 });
    expect(block(null)).toEqual({});
  });
});
