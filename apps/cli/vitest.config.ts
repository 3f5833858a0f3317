import { defineConfig } from 'vitest/config';

// These tests run the built CLI in child processes; on a loaded machine one can take longer
// than vitest's 5 s default without anything being wrong.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 60_000 },
});
