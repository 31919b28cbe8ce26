import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        exclude: ['test/vscode/**'],
        testTimeout: 30_000,
        reporters: ['default', 'json'],
        outputFile: { json: 'test-output/vitest.json' },
    },
});
