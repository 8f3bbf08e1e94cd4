/*
 * The test environment (test/support/node-environment.js) leaves cdktf's token creation stacks unmapped,
 * for speed, and must keep every Error's stack mapped to the TypeScript line, so failures point at the source.
 * The runtime (test/support/code-cache-runtime.js) compiles a module the second time from V8's code cache.
 */
import { readFileSync } from 'node:fs';
import * as vm from 'node:vm';
import { Lazy, Tokenization } from 'cdktf';

/** The 1-based line of this file holding `marker`. */
function lineOf(marker: string): number {
  return (
    readFileSync(__filename, 'utf8')
      .split('\n')
      .findIndex((line) => line.includes(marker)) + 1
  );
}

interface Shape {
  readonly a: number;
}

describe('the jest environment', () => {
  test('GIVEN an Error thrown in a test file THEN its stack names the TypeScript line', () => {
    const shape: Shape = { a: 1 };
    const error = new Error(`thrown with ${shape.a}`); // MARK-ERROR
    expect(error.stack).toContain(`${__filename}:${lineOf('MARK-' + 'ERROR')}:`);
  });

  test("GIVEN a cdktf token THEN its creation stack is V8's plain text of the frames, without source mapping", () => {
    const token = Tokenization.reverseString(Lazy.stringValue({ produce: () => 'x' })).firstToken as unknown as {
      creationStack: string[];
    };
    expect(token.creationStack[0]).toMatch(/^new LazyBase \(.*node_modules\/cdktf\/lib\/tokens\/lazy\.js:\d+:\d+\)$/);
    // The test's own frame, at the position in the transformed JavaScript (not mapped through jest's source maps).
    expect(token.creationStack.some((frame) => frame.includes(__filename))).toBe(true);
  });

  test("GIVEN a module compiled twice in a worker THEN the second compile uses the first one's code cache, and runs afresh", () => {
    const filename = `${__filename}.compiled-twice.js`;
    const code = 'counter.runs += 1; return counter.runs;';
    type Compiled = ((counter: { runs: number }) => number) & { cachedDataRejected?: boolean };
    const first = vm.compileFunction(code, ['counter'], { filename }) as Compiled;
    const second = vm.compileFunction(code, ['counter'], { filename }) as Compiled;
    expect(first.cachedDataRejected).toBeUndefined();
    expect(second.cachedDataRejected).toBe(false);
    const counter = { runs: 0 };
    expect([first(counter), second(counter)]).toEqual([1, 2]);
  });
});
