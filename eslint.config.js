// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import path from 'node:path';
import process from 'node:process';

/**
 * Import boundaries (../shared/STYLE.md): contract/lib/ui → features → app,
 * no feature imports another feature, `src` never imports `server`,
 * and `server` imports only `src/contract`.
 */
const boundaries = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const file = path.relative(process.cwd(), context.filename).split(path.sep).join('/');
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path
        .relative(process.cwd(), path.resolve(path.dirname(context.filename), source))
        .split(path.sep)
        .join('/');
      const report = (why) => context.report({ node, message: `${source}: ${why}` });
      if (file.startsWith('src/') && target.startsWith('server/')) {
        return report('the app never imports the server');
      }
      if (
        file.startsWith('server/') &&
        target.startsWith('src/') &&
        !target.startsWith('src/contract/')
      ) {
        return report('the server imports only src/contract from the app');
      }
      if (file.startsWith('src/contract/') && !target.startsWith('src/contract/')) {
        return report('the contract is zod only and imports nothing else of ours');
      }
      const feature = (p) => /^src\/features\/([^/]+)\//.exec(p)?.[1];
      const own = feature(file);
      const other = feature(target);
      if (own && other && own !== other) return report('a feature never imports another feature');
      const isLower = /^src\/(contract|lib|components)\//;
      if (isLower.test(file) && /^src\/(features|app)\//.test(target)) {
        return report('contract, lib and ui sit below features and app');
      }
      if (file.startsWith('src/features/') && target.startsWith('src/app/')) {
        return report('features sit below the app shell');
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'data', 'node_modules', 'coverage', '.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { pawtal: { rules: { boundaries } } },
    rules: {
      'pawtal/boundaries': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-expect-error': 'allow-with-description', 'ts-ignore': true },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportAllDeclaration',
          message: 'No barrels: import from the file that defines the thing.',
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/sw/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Components never call fetch: use src/lib/api-client.ts.' },
      ],
    },
  },
  {
    files: ['src/lib/api-client.ts'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
