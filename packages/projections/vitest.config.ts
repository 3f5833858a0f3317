import { defineConfig } from 'vitest/config';

// Many of these tests start processes or servers; on a loaded machine one can take longer
// than vitest's 5 s default without anything being wrong.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 60_000 },
});
