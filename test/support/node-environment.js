// jest's node environment, with one cost of jest's own removed: cdktf records where every token was
// created (Error.captureStackTrace on a plain `{ stack: '' }`, unbounded depth, for its own error
// messages), and jest formats every such frame through its source maps: ~40 % of a synth's CPU under
// jest, none of it the code under test. Captures onto plain objects are formatted as V8 formats them
// by default, as in a plain node process without --enable-source-maps (the CLI); an Error's stack
// (a failing test, a thrown error) still goes through jest's source maps and shows TypeScript lines.
const { TestEnvironment } = require('jest-environment-node');

/** The text V8 gives a stack by default: the object's header, then one `at` line a frame. */
function defaultFormat(target, frames) {
  return [Error.prototype.toString.call(target), ...frames.map((frame) => `    at ${frame}`)].join('\n');
}

class NodeEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    // jest installs its source-mapping prepareStackTrace on this (the worker's) realm before setup runs;
    // V8 calls it for stacks captured in every context, the test's included.
    const mapped = Error.prepareStackTrace;
    this.mappedPrepareStackTrace = mapped;
    if (typeof mapped !== 'function') return;
    Error.prepareStackTrace = function prepareStackTrace(target, frames) {
      // [object Error] for an Error of any realm; a plain object otherwise.
      const isError = Object.prototype.toString.call(target) === '[object Error]';
      return isError ? mapped(target, frames) : defaultFormat(target, frames);
    };
  }

  async teardown() {
    if (this.mappedPrepareStackTrace !== undefined) Error.prepareStackTrace = this.mappedPrepareStackTrace;
    await super.teardown();
  }
}

module.exports = NodeEnvironment;
