// ESLint: correctness rules with type information. Formatting is Prettier's (`npm run format`);
// eslint-config-prettier, last, turns off every rule that would fight it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    'out/',
    'dist/',
    '.tmp/',
    // Deliberately wrong imports for test/architecture.test.ts; in no tsconfig.
    'test/architecture/fixtures/',
  ]),

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Each file is checked with the tsconfig that includes it (tsconfig.json references one per runtime), so
        // type-aware rules see the renderer without Node and main without the DOM, as tsc does.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // An async function where a callback returning void is expected: its rejection goes unhandled (in Node, an
      // unhandled rejection ends the process). JSX event handlers are exempt: React ignores their return value
      // either way, and `onClick={() => void save()}` would handle nothing more than `onClick={save}`.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      // Same convention as tsc's noUnusedParameters: a leading underscore marks an intentionally unused name.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Forwarding a caught error (typed unknown/any) is fine; rejecting with a string or a plain object is not.
      '@typescript-eslint/prefer-promise-reject-errors': [
        'error',
        { allowThrowingAny: true, allowThrowingUnknown: true },
      ],
      // Written for classes that pass `this.method` around. Herald's objects are closures behind interfaces
      // declared with method syntax (`onChange(value: string): void`), so every destructured prop or passed
      // callback would be reported although none depends on `this`.
      '@typescript-eslint/unbound-method': 'off',
    },
  },

  // Plain JavaScript (bin/herald.js, this file): Node globals for the core no-undef rule.
  {
    files: ['**/*.js'],
    languageOptions: { globals: globals.node },
  },

  // Core gets its own logger; console output there bypasses levels and the headless log.
  {
    files: ['src/main/core/**'],
    rules: { 'no-console': 'error' },
  },

  // React: the rules of hooks. The plugin's recommended set adds the React Compiler's checks (refs, purity,
  // set-state-in-effect...), which Herald does not use; they would flag idiomatic "latest ref" code.
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    // The plugin's own typings lag ESLint 10's Plugin type (its `configs.flat` nesting); the rules are fine.
    plugins: { 'react-hooks': /** @type {import('eslint').ESLint.Plugin} */ (reactHooks) },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },

  // Tests read loosely typed values on purpose (JSON replies, page.evaluate results, fakes): the no-unsafe-*
  // rules would ask for a cast at every assertion. Fakes implement async interfaces without awaiting anything.
  {
    files: ['test/**'],
    rules: {
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  prettier,
);
