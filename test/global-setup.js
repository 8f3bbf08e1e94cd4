// Tests that spawn the CLI run the compiled dist/, so build it once per run: never a stale binary.
const { execFileSync } = require('node:child_process');
const path = require('node:path');
module.exports = async () => {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: path.join(__dirname, '..'), stdio: 'inherit' });
};
