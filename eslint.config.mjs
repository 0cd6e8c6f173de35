// Type-aware lint (floating and misused promises, unsafe any) and React hook rules, run by `npm run lint` and npm test.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import prettier from 'eslint-config-prettier'

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'release/',
      'test-artifacts/',
      'bench-results/',
      'reports/',
      '.stryker-tmp/',
      'resources/',
      'models/',
      '**/*.mjs',
      '**/*.cjs'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Contract methods, hooks and stand-ins are async by design (the Api returns promises whether or not a given
      // implementation awaits anything), so an async function without `await` is not a smell here.
      '@typescript-eslint/require-await': 'off',
      // A stream or queue passes on whatever its producer failed with (typed `unknown`); it did not make the value.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }]
    }
  },
  {
    // vitest types its asymmetric matchers (expect.any, expect.stringMatching, ...) as `any` on purpose, so that they
    // fit any expected shape; assigning them is the point. The other unsafe-any rules still apply to tests.
    files: ['**/*.test.ts', 'tests/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer has no classes: a hook's result is a plain object of closures, which lose no `this` when passed
      // on (`onClick={chat.stop}`); the rule only sees that the interface spells them as methods.
      '@typescript-eslint/unbound-method': 'off'
    }
  },
  prettier
)
