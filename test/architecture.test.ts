// Architecture rules:
//  1. Layers (LAYERS below): which of our folders each part of src may import, which packages, whether Node's
//     built-in modules. Data and dependencies point one way: shared ← core ← shell/CLI ← entry; the renderer and
//     the preload see only shared. `layerViolations` checks a set of files against the table; the fixture tree
//     under test/architecture/fixtures shows it failing on deliberately wrong imports.
//  2. Only the shell (src/main/electron/**), the preload (src/preload/**) and the entry (src/main/index.ts) may
//     import 'electron' — or packages that load it (electron-store). Everything else must run in plain Node
//     (headless mode, tests) and in the browser.
//  3. The preload runs sandboxed, where require() knows only 'electron': its runtime import graph may reach no
//     other package (a bundler that externalizes one, e.g. zod, would break the window at start-up).
// Type-only imports count for 1 and 2 (a type import is still a dependency on that layer); 3 is about run time.
import { readFileSync, readdirSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SRC = join(REPO_ROOT, 'src');
const FIXTURE_ROOT = join(REPO_ROOT, 'test', 'architecture', 'fixtures');
const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const ELECTRON_ONLY_PACKAGES = [/^electron(?:\/|$)/, /^electron-store(?:\/|$)/, /^@electron\//];

type LayerName = 'shared' | 'core' | 'shell' | 'cli' | 'entry' | 'preload' | 'renderer';

interface Layer {
  /** A folder (ending in '/') or a single file, relative to the repository root. */
  path: string;
  /** Our other layers it may import (its own files it always may). */
  mayImport: readonly LayerName[];
  /** Packages it may import: any, or only these. Electron-only packages need `electron` as well. */
  packages: 'any' | readonly string[];
  /** node:fs, path, ... */
  nodeBuiltins: boolean;
  /** 'electron', 'electron-store', '@electron/*'. */
  electron: boolean;
}

const LAYERS: Record<LayerName, Layer> = {
  shared: { path: 'src/shared/', mayImport: [], packages: ['zod'], nodeBuiltins: false, electron: false },
  core: { path: 'src/main/core/', mayImport: ['shared'], packages: 'any', nodeBuiltins: true, electron: false },
  shell: {
    path: 'src/main/electron/',
    mayImport: ['core', 'shared'],
    packages: 'any',
    nodeBuiltins: true,
    electron: true,
  },
  cli: { path: 'src/main/cli/', mayImport: ['core', 'shared'], packages: 'any', nodeBuiltins: true, electron: false },
  entry: {
    path: 'src/main/index.ts',
    mayImport: ['shell', 'core', 'shared'],
    packages: 'any',
    nodeBuiltins: true,
    electron: true,
  },
  preload: { path: 'src/preload/', mayImport: ['shared'], packages: ['electron'], nodeBuiltins: false, electron: true },
  renderer: { path: 'src/renderer/', mayImport: ['shared'], packages: 'any', nodeBuiltins: false, electron: false },
};

/** Rules between folders of one layer. */
const FOLDER_RULES = [
  {
    // Feature folders (inbox/, sources/, status/, notifications/, transport/, and any new one) get what they
    // need from shared or from each other; the app shell composes them, never the other way round.
    from: /^src\/renderer\/(?!app\/)[^/]+\//,
    to: /^src\/renderer\/app\//,
    reason: 'a renderer feature folder may not import src/renderer/app/',
  },
];

function layerOf(repoPath: string): LayerName | undefined {
  const names = Object.keys(LAYERS) as LayerName[];
  return names.find((name) => {
    const path = LAYERS[name].path;
    return path.endsWith('/') ? repoPath.startsWith(path) : repoPath === path;
  });
}

/** 'react-dom/client' → 'react-dom', '@tanstack/react-virtual/x' → '@tanstack/react-virtual'. */
const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

interface SourceText {
  /** Relative to the tree's root, with '/': 'src/shared/model.ts'. */
  path: string;
  text: string;
}

interface Violation {
  file: string;
  /** The import as written; absent when the file itself is in no layer. */
  specifier?: string;
  reason: string;
}

/** Checks every import of `files` against LAYERS and FOLDER_RULES. */
function layerViolations(files: readonly SourceText[]): Violation[] {
  return files.flatMap(({ path: file, text }): Violation[] => {
    const from = layerOf(file);
    if (!from) return [{ file, reason: 'is in no layer: add its folder to LAYERS in test/architecture.test.ts' }];
    const layer = LAYERS[from];
    return importsOf(file, text).flatMap(({ specifier: written }): Violation[] => {
      const specifier = written.replace(/\?.*$/, ''); // Vite's ?raw, ?url
      const violation = (reason: string): Violation[] => [{ file, specifier: written, reason }];
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const target = posix.normalize(posix.join(posix.dirname(file), specifier));
        const to = specifier.startsWith('/') || target.startsWith('../') ? undefined : layerOf(target);
        if (!to) return violation(`${from} imports a file outside every layer (${target})`);
        if (to !== from && !layer.mayImport.includes(to))
          return violation(`${from} may not import ${to} (${LAYERS[to].path})`);
        const rule = FOLDER_RULES.find((r) => r.from.test(file) && r.to.test(target));
        return rule ? violation(rule.reason) : [];
      }
      if (isBuiltin(specifier)) return layer.nodeBuiltins ? [] : violation(`${from} may not import Node built-ins`);
      if (ELECTRON_ONLY_PACKAGES.some((pattern) => pattern.test(specifier)) && !layer.electron) {
        return violation(`${from} may not import Electron`);
      }
      if (layer.packages !== 'any' && !layer.packages.includes(packageName(specifier))) {
        return violation(`${from} may import only the packages ${layer.packages.join(', ')}`);
      }
      return [];
    });
  });
}

interface ImportRef {
  specifier: string;
  /** `import type` / `export type` / all-type named imports: erased at build time. */
  typeOnly: boolean;
}

/** Every module specifier a file imports: static, re-export, dynamic import(), require(), import = require(). */
function importsOf(fileName: string, text: string): ImportRef[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: ImportRef[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const allNamedAreTypes =
        !!bindings &&
        ts.isNamedImports(bindings) &&
        bindings.elements.length > 0 &&
        bindings.elements.every((e) => e.isTypeOnly);
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && allNamedAreTypes));
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression)) found.push({ specifier: expression.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isDynamicImport || isRequire) found.push({ specifier: node.arguments[0].text, typeOnly: false });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE_FILE.test(entry.name) ? [path] : [];
  });
}

const toPosix = (path: string) => path.split(sep).join('/');
const mayImportElectron = (repoPath: string) => {
  const layer = layerOf(repoPath);
  return !!layer && LAYERS[layer].electron;
};
/** Every source file under `root`/src, with paths relative to `root`. */
const readTree = (root: string): SourceText[] =>
  sourceFiles(join(root, 'src'))
    .map((file) => ({ path: toPosix(relative(root, file)), text: readFileSync(file, 'utf8') }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
const describeViolation = (v: Violation) =>
  v.specifier === undefined ? `${v.file} ${v.reason}` : `${v.file} imports '${v.specifier}': ${v.reason}`;
const isElectronPackage = (specifier: string) => ELECTRON_ONLY_PACKAGES.some((pattern) => pattern.test(specifier));

describe('architecture', () => {
  test('the import scanner sees every form of import (so the rules below can fail)', () => {
    const sample = [
      "import { app } from 'electron';",
      "import type { BrowserWindow } from 'electron/main';",
      "import { type A, type B } from 'typed-only';",
      "import Store, { type Options } from 'electron-store';",
      "export { shell } from 'electron';",
      "import 'side-effect';",
      "const lazy = await import('lazy');",
      'const cjs = require("cjs");',
      "import legacy = require('legacy');",
      "type T = import('type-import').T;",
      "// require('in-a-comment') and 'import x from \"in-a-string\"' are not imports",
      'const s = "import x from \'in-a-string\'";',
    ].join('\n');
    expect(importsOf('sample.ts', sample)).toEqual([
      { specifier: 'electron', typeOnly: false },
      { specifier: 'electron/main', typeOnly: true },
      { specifier: 'typed-only', typeOnly: true },
      { specifier: 'electron-store', typeOnly: false },
      { specifier: 'electron', typeOnly: false },
      { specifier: 'side-effect', typeOnly: false },
      { specifier: 'lazy', typeOnly: false },
      { specifier: 'cjs', typeOnly: false },
      { specifier: 'legacy', typeOnly: false },
      { specifier: 'type-import', typeOnly: true },
    ]);
  });

  test("only the shell, the preload and src/main/index.ts import 'electron' (or electron-store)", () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(10);
    const violations = files.flatMap((file) => {
      const repoPath = toPosix(relative(REPO_ROOT, file));
      if (mayImportElectron(repoPath)) return [];
      return importsOf(file, readFileSync(file, 'utf8'))
        .filter((ref) => isElectronPackage(ref.specifier))
        .map((ref) => `${repoPath} imports '${ref.specifier}'`);
    });
    expect(violations).toEqual([]);
  });

  test("the sandboxed preload reaches no package but 'electron' at run time", () => {
    const seen = new Set<string>();
    const packages = new Map<string, string[]>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const ref of importsOf(file, readFileSync(file, 'utf8'))) {
        if (ref.typeOnly) continue;
        if (ref.specifier.startsWith('.')) walk(resolve(dirname(file), ref.specifier));
        else packages.set(ref.specifier, [...(packages.get(ref.specifier) ?? []), toPosix(relative(REPO_ROOT, file))]);
      }
    };
    walk(join(SRC, 'preload', 'index.ts'));
    expect(seen.size).toBeGreaterThan(1);
    expect(Object.fromEntries([...packages].filter(([name]) => name !== 'electron'))).toEqual({});
    expect(packages.has('electron')).toBe(true);
  });

  test('every file of src sits in a layer and imports only what LAYERS allows', () => {
    const files = readTree(REPO_ROOT);
    expect(files.length).toBeGreaterThan(10);
    expect(layerViolations(files).map(describeViolation)).toEqual([]);
  });

  test('the layer check reports deliberately wrong imports, with file and import (fixture tree)', () => {
    const files = readTree(FIXTURE_ROOT);
    // The fixture tree has allowed imports of every kind as well; only these may be reported.
    expect(layerViolations(files).map(describeViolation)).toEqual([
      "src/main/cli/args.ts imports 'electron': cli may not import Electron",
      "src/main/cli/args.ts imports '../electron/shell.ts': cli may not import shell (src/main/electron/)",
      "src/main/core/bad.ts imports 'electron': core may not import Electron",
      "src/main/core/bad.ts imports 'electron-store': core may not import Electron",
      "src/main/core/bad.ts imports '../electron/shell.ts': core may not import shell (src/main/electron/)",
      "src/main/core/bad.ts imports '../../renderer/app/page.ts': core may not import renderer (src/renderer/)",
      "src/main/core/bad.ts imports '../../../package.json': core imports a file outside every layer (package.json)",
      "src/main/electron/shell.ts imports '../cli/args.ts': shell may not import cli (src/main/cli/)",
      "src/main/index.ts imports './cli/args.ts': entry may not import cli (src/main/cli/)",
      "src/preload/index.ts imports '../main/core/x.ts': preload may not import core (src/main/core/)",
      "src/preload/index.ts imports 'node:fs': preload may not import Node built-ins",
      "src/preload/index.ts imports 'zod': preload may import only the packages electron",
      "src/renderer/inbox/Inbox.tsx imports '../app/App.tsx': a renderer feature folder may not import src/renderer/app/",
      "src/renderer/inbox/Inbox.tsx imports 'node:fs': renderer may not import Node built-ins",
      "src/renderer/inbox/Inbox.tsx imports 'path': renderer may not import Node built-ins",
      "src/renderer/inbox/Inbox.tsx imports 'electron': renderer may not import Electron",
      "src/renderer/inbox/Inbox.tsx imports '../../main/core/x.ts': renderer may not import core (src/main/core/)",
      "src/renderer/transport/connection.ts imports '../app/page.ts': a renderer feature folder may not import src/renderer/app/",
      "src/shared/bad.ts imports '../main/core/x.ts': shared may not import core (src/main/core/)",
      "src/shared/bad.ts imports 'mqtt': shared may import only the packages zod",
      "src/shared/bad.ts imports 'node:fs': shared may not import Node built-ins",
      "src/shared/bad.ts imports '../renderer/app/page.ts': shared may not import renderer (src/renderer/)",
      'src/stray.ts is in no layer: add its folder to LAYERS in test/architecture.test.ts',
    ]);
  });
});
