#!/usr/bin/env node
// Entry of the `herald` command. Herald's sources run directly on Node 22+ (built-in type stripping and
// node:sqlite); inside the repo, npm and npx put the project's own Node 22 first on PATH.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `herald: needs Node.js 22 or newer, found ${process.version}. In the repo run it as "npx herald" ` +
      '(npm install provides Node 22) or put Node 22 on PATH.',
  );
  process.exit(1);
}
// Type stripping and node:sqlite announce themselves as experimental on every start; that is noise for a
// command-line user. Other warnings are still printed.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'ExperimentalWarning') console.error(`herald: warning: ${warning.message}`);
});
await import('../src/main/cli/herald.ts');
