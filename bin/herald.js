#!/usr/bin/env node
// Entry of the `herald` command. Herald's sources run directly on Node 22.18+ (type stripping on by default, and
// node:sqlite); inside the repo, npm and npx put the project's own Node 22 first on PATH. This check is what
// enforces the requirement (package.json's devEngines only states it; see .npmrc).
// process.features.typescript: false where type stripping is off (Node 22.10 to 22.17), undefined before 22.10.
if (!process.features.typescript) {
  console.error(
    `herald: needs Node.js 22.18 or newer, with type stripping on; found ${process.version}. In the repo run it as "npx herald" ` +
      '(npm install provides Node 22) or put Node 22.18+ on PATH.',
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
