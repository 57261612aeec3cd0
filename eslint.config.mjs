import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', '*.js', '*.mjs'] },
  // Worker-thread stand-ins in plain JavaScript, loaded by node itself (no TypeScript in a bare worker).
  { ignores: ['test/helpers/threads/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Flows are pure and come first: src/ builds on them, never the other way round (content schema included).
    files: ['flows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)src(/|$)',
              message: 'flows/ imports nothing from src/: imports run from src/ to flows/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Jest reporters are loaded by jest itself, untransformed: plain CommonJS on node.
    files: ['test/reporters/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
