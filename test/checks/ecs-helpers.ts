import { FtpContainerServer } from '../../lib/constructs/container-server';
import { Block, config, synth } from '../constructs/helpers';
import { ECS_INPUT } from '../constructs/ecs-input';

/** The synthesized JSON of FtpContainerServer for the acceptance config (control 2121, passive 50000–50019). */
export function ecsJson(): Block {
  return synth((stack) => new FtpContainerServer(stack, 'Server', { config: config(ECS_INPUT) })).json;
}

/** The name of the one resource of `type` whose body satisfies `match`. */
export function nameWhere(json: Block, type: string, match: (body: Block) => boolean): string {
  const names = Object.entries(json.resource?.[type] ?? {})
    .filter(([, body]) => match(body as Block))
    .map(([name]) => name);
  if (names.length !== 1) throw new Error(`expected one ${type} matching, found ${names.length}`);
  return names[0];
}
