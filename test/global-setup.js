// Tests that spawn the CLI run the compiled dist/, so build it once per run: never a stale binary.
// FTP_KIT_SKIP_BUILD=1 skips it for runs that spawn no CLI (the bench's unit-test layer).
const { execFileSync } = require('node:child_process');
const path = require('node:path');
module.exports = async () => {
  if (process.env.FTP_KIT_SKIP_BUILD === '1') return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: path.join(__dirname, '..'), stdio: 'inherit' });
};
