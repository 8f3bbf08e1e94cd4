// A step of `npm run build`: writes the mustache token table beside the compiled renderer, where
// renderTemplate finds it (lib/render/template.ts says why, and when an entry is used).
const { writeFileSync } = require('node:fs');
const { TOKEN_TABLE_FILE, tokenTable } = require('../dist/lib/render/template');

writeFileSync(TOKEN_TABLE_FILE, JSON.stringify(tokenTable()));
