// `npm run lint`: ESLint's and typescript-eslint's recommended rules for the
// server, the admin panel, the scripts and the tests; formatting is Prettier's
// (eslint-config-prettier turns off the rules that would fight it).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['.strapi/', 'dist/', 'build/', '.cache/', '.tmp/', 'exports/', 'types/generated/', 'node_modules/', 'public/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Strapi's documents and query results are untyped at the edges; the pure cores are strict (tsconfig.pure.json).
      '@typescript-eslint/no-explicit-any': 'off',
      // `_` marks what is left out on purpose (a rest destructuring that drops fields).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Chinese typography's full-width space (　) is text: allowed in strings, comments and patterns, not in code.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipComments: true, skipRegExps: true, skipTemplates: true }],
    },
  },
  { files: ['src/admin/**', 'src/broadsheet/assets/**'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['**/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['tests/**'], languageOptions: { globals: { ...globals.jest } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  prettier,
);
