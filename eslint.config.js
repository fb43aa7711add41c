// Lint for src/, test/, bench/ and scripts/: typescript-eslint's type-checked strict rules
// (floating and misused promises among them); an eslint-disable that disables nothing is an error.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/**/*.generated.ts', 'test/golden/', 'test/review/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's test() and describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
      // Numbers and booleans read as themselves in a message; objects and undefined do not.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `(x) => void list.push(x)` and one-line arrows that return nothing are the house style.
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidOperator: true, ignoreVoidReturningFunctions: true },
      ],
      // The character gate and the archive readers match control characters on purpose.
      'no-control-regex': 'off',
      // Without noUncheckedIndexedAccess an index or a parsed document is typed as always there;
      // the checks this rule calls unnecessary are the ones that guard untrusted input.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // Used where an invariant holds one line above (a key just set, a checked length); tests use
      // it on fixtures they built.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Lines a reviewer can read side by side with a diff; a regular expression cannot be split.
      'max-len': ['error', { code: 160, ignoreRegExpLiterals: true }],
    },
  },
  {
    // Tests build specs by editing parsed fixtures in place: loose JSON on purpose.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
  },
);
