import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // ../frontend has no node_modules of its own: its imports resolve to this folder's
    dedupe: ['@dagrejs/dagre', '@xyflow/react', 'react'],
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
