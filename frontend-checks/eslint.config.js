// ESLint for the designer's TypeScript (frontend/) and these checks' own tests; run from the repository root
// (npm run lint does) so both lie under its base path.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['frontend/generated/', 'frontend-checks/node_modules/'] },
  {
    files: ['frontend/**/*.{ts,tsx}', 'frontend-checks/**/*.{ts,js}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    // Only the dependency rule: the plugin's React Compiler rules would ask for a rewrite of the canvas's effects,
    // and rules-of-hooks flags every ReactAdapterElement.render, whose hooks Vaadin runs inside a function component.
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
