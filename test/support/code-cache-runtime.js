// jest's module runtime, with V8's code cache kept between the test files of one worker. jest gives each
// test file fresh modules and compiles every module again for it (cdktf, zod and the provider classes
// are ~7 MB of JavaScript a file that synthesizes a stack); compiling was a quarter of the CPU of the
// checks' tests in a profile. A module's second compile in the worker starts from the code V8 produced
// for its first. Only compiling changes: each file still runs every module afresh in its own context,
// and V8 refuses cached data that does not match the source (the text is compared here too).
const vm = require('node:vm');

const compileFunction = vm.compileFunction;
/** filename → the code compiled and V8's cached data for it. */
const cache = new Map();

// jest-runtime calls `vm.compileFunction` through the module object, so replacing it here reaches jest's calls.
vm.compileFunction = function compileWithCodeCache(code, params, options) {
  const filename = options?.filename;
  const hit = filename === undefined ? undefined : cache.get(filename);
  if (hit !== undefined && hit.code === code) return compileFunction(code, params, { ...options, cachedData: hit.data });
  const compiled = compileFunction(code, params, { ...options, produceCachedData: true });
  if (filename !== undefined && compiled.cachedDataProduced) cache.set(filename, { code, data: compiled.cachedData });
  return compiled;
};

module.exports = require('jest-runtime');
