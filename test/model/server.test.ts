import { modelFromSynth } from '../../lib/model/build';
import { controlPortOf, effectiveSettings, elasticIpsOf, ftpServers, isYes, passiveRangeOf } from '../../lib/model/server';
import { PASV_ADDRESS_MARK, SERVER_RECORD_KIND } from '../../lib/render/server-record';

const record = (conf: string, extra: Record<string, unknown> = {}) => ({
  input: {
    kind: SERVER_RECORD_KIND,
    version: 1,
    instance: 'aws_instance.i',
    vsftpd_conf: conf,
    user_configs: { bob: 'write_enable=YES\n' },
    pasv_address: '${aws_eip.ip.public_ip}',
    ...extra,
  },
});

describe('ftpServers', () => {
  test('GIVEN a record THEN pasv_address is put back into the settings and ports and defaults are read', () => {
    const model = modelFromSynth({
      resource: {
        terraform_data: { rec: record(`listen_port=990\npasv_min_port=30000\npasv_max_port=30009\npasv_address=${PASV_ADDRESS_MARK}\n`) },
        aws_instance: { i: { vpc_security_group_ids: ['${aws_security_group.sg.id}'] } },
        aws_eip: { ip: { domain: 'vpc' }, own: { instance: '${aws_instance.i.id}' } },
        aws_eip_association: { a: { allocation_id: '${aws_eip.ip.allocation_id}', instance_id: '${aws_instance.i.id}' } },
      },
    });
    const [server] = ftpServers(model);
    expect(server.settings!.pasv_address).toBe('${aws_eip.ip.public_ip}');
    expect([controlPortOf(server), passiveRangeOf(server)]).toEqual([990, { from: 30000, to: 30009 }]);
    expect(server.securityGroups).toEqual(['aws_security_group.sg']);
    expect(elasticIpsOf(model, 'aws_instance.i')).toEqual([
      { eip: 'aws_eip.ip', association: 'aws_eip_association.a' },
      { eip: 'aws_eip.own' },
    ]);
    expect(effectiveSettings(server).map((e) => [e.user, e.settings.write_enable])).toEqual([
      [undefined, undefined],
      ['bob', 'YES'],
    ]);
  });

  test("GIVEN no listen_port and pasv off THEN vsftpd's defaults apply: 21 and no passive range", () => {
    const [server] = ftpServers(modelFromSynth({ resource: { terraform_data: { rec: record('pasv_enable=NO\n') } } }));
    expect([controlPortOf(server), passiveRangeOf(server), server.instance]).toEqual([21, undefined, undefined]);
  });

  test('GIVEN terraform_data that is not a server record THEN it is ignored', () => {
    expect(ftpServers(modelFromSynth({ resource: { terraform_data: { other: { input: { kind: 'something' } } } } }))).toEqual([]);
  });

  test('GIVEN vsftpd booleans THEN YES, TRUE and 1 in any case are yes', () => {
    expect(['YES', 'yes', 'True', '1', 'NO', '0', '', undefined].map(isYes)).toEqual([true, true, true, true, false, false, false, false]);
  });
});
