import { FtpKitConfigInput } from '../../lib/config/schema';

/** The acceptance config of issue 15: target ecs, control 2121, passive 50000–50019. */
export const ECS_INPUT: FtpKitConfigInput = {
  name: 'drop',
  region: 'eu-central-1',
  target: 'ecs',
  controlPort: 2121,
  passivePorts: { from: 50000, to: 50019 },
  allow: ['198.51.100.0/24', { cidr: '2001:db8::/32', description: 'partner B' }],
  users: [{ name: 'alice', write: true }, { name: 'bob' }],
};
