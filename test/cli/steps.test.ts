import { PassThrough } from 'node:stream';
import { isInteractive, stepReporter } from '../../lib/cli/steps';
import { capture } from '../support/capture';

describe('stepReporter', () => {
  test('GIVEN no terminal THEN one plain line per step, nothing else', () => {
    const { stream, text } = capture();
    const steps = stepReporter({ stream, total: 2, tty: false });
    steps.start('synth');
    steps.start('terraform init');
    steps.done();
    expect(text()).toBe('[1/2] synth\n[2/2] terraform init\n');
  });

  test('GIVEN a terminal THEN each step line is rewritten with ✔ or ✖ and its duration', () => {
    const { stream, text } = capture();
    const steps = stepReporter({ stream, total: 2, tty: true });
    steps.start('synth');
    steps.start('terraform init');
    steps.fail();
    expect(text()).toMatch(
      /^ {2}… \[1\/2\] synth\r\x1b\[2K {2}✔ \[1\/2\] synth \(\d+\.\d s\)\n {2}… \[2\/2\] terraform init\r\x1b\[2K {2}✖ \[2\/2\] terraform init \(\d+\.\d s\)\n$/,
    );
  });

  test('GIVEN CI set, or a pipe THEN it is not interactive', () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true });
    expect(isInteractive(tty, {})).toBe(true);
    expect(isInteractive(tty, { CI: 'true' })).toBe(false);
    expect(isInteractive(new PassThrough(), {})).toBe(false);
  });
});
