// Architecture rules that keep Electron at the edge:
//  1. Only the shell (src/main/electron/**), the preload (src/preload/**) and the entry (src/main/index.ts) may
//     import 'electron' — or packages that load it (electron-store). Everything else must run in plain Node
//     (headless mode, tests) and in the browser.
//  2. The preload runs sandboxed, where require() knows only 'electron': its runtime import graph may reach no
//     other package (a bundler that externalizes one, e.g. zod, would break the window at start-up).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SRC = join(REPO_ROOT, 'src');
const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const ELECTRON_ONLY_PACKAGES = [/^electron(?:\/|$)/, /^electron-store(?:\/|$)/, /^@electron\//];

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
        !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && allNamedAreTypes));
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression)) found.push({ specifier: expression.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0]!)) {
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isDynamicImport || isRequire) found.push({ specifier: (node.arguments[0] as ts.StringLiteral).text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
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
const mayImportElectron = (repoPath: string) =>
  repoPath.startsWith('src/main/electron/') || repoPath.startsWith('src/preload/') || repoPath === 'src/main/index.ts';
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
      "const cjs = require(\"cjs\");",
      "import legacy = require('legacy');",
      "type T = import('type-import').T;",
      "// require('in-a-comment') and 'import x from \"in-a-string\"' are not imports",
      "const s = \"import x from 'in-a-string'\";",
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
});
