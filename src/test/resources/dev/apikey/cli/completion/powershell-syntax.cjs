// Parses PowerShell files with tree-sitter's PowerShell grammar (no PowerShell can be installed here);
// prints every syntax error and exits 1 if there is any. Modules from NODE_PATH (bin/setup installs them).
const { Parser, Language } = require('web-tree-sitter');
const fs = require('fs');
const path = require('path');
(async () => {
  await Parser.init();
  const wasm = path.join(path.dirname(require.resolve('tree-sitter-powershell/package.json')), 'tree-sitter-powershell.wasm');
  const parser = new Parser();
  parser.setLanguage(await Language.load(wasm));
  let errors = 0;
  for (const file of process.argv.slice(2)) {
    const tree = parser.parse(fs.readFileSync(file, 'utf8'));
    const walk = (node) => {
      if (node.type === 'ERROR' || node.isMissing) {
        errors++;
        console.log(`${file}:${node.startPosition.row + 1}:${node.startPosition.column + 1}: ${node.isMissing ? 'missing ' + node.type : 'syntax error'}: ${node.text.slice(0, 60).replace(/\n/g, ' ')}`);
      }
      for (const child of node.children) walk(child);
    };
    walk(tree.rootNode);
  }
  process.exit(errors ? 1 : 0);
})();
