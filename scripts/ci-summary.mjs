// Prints the one line CI reads: "N passed, N failed", summed over every suite that ran.
// vitest writes test-output/vitest.json; neovim writes test-output/nvim.results.json ({ passed, failed });
// the VS Code suites write test-output/vscode/<variant>/suite-report.json.
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
const parts = [];
if (existsSync('test-output/vitest.json')) {
    const report = JSON.parse(readFileSync('test-output/vitest.json', 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    parts.push(`vitest ${report.numPassedTests}/${report.numTotalTests}`);
}
for (const file of existsSync('test-output') ? readdirSync('test-output').filter(f => f.endsWith('.results.json')).sort() : []) {
    const result = JSON.parse(readFileSync(`test-output/${file}`, 'utf8'));
    passed += result.passed;
    failed += result.failed;
    parts.push(`${file.replace('.results.json', '')} ${result.passed}/${result.passed + result.failed}`);
}
// The VS Code extension-host suites (from source, installed .vsix) write suite-report.json files.
// (self-test runs a deliberately failing suite to prove the harness; it is not a product test.)
for (const variant of existsSync('test-output/vscode') ? readdirSync('test-output/vscode').filter(v => v !== 'self-test').sort() : []) {
    const file = `test-output/vscode/${variant}/suite-report.json`;
    if (existsSync(file)) {
        const results = JSON.parse(readFileSync(file, 'utf8')).results;
        const ok = results.filter(r => r.passed).length;
        passed += ok;
        failed += results.length - ok;
        parts.push(`vscode-${variant} ${ok}/${results.length}`);
    }
}
console.log(`suites: ${parts.join(', ') || 'none'}`);
// The results panel's screenshots (Dark Modern and Light Modern, half width and maximized) from the
// code-server scenario: listed here, and shown in a GitHub Actions job summary when there is one.
const screenshots = existsSync('test-output') ? readdirSync('test-output').filter(f => /^results-panel.*\.png$/.test(f)).sort() : [];
if (screenshots.length > 0) {
    console.log(`screenshots: ${screenshots.map(f => `test-output/${f}`).join(', ')}`);
    if (process.env.GITHUB_STEP_SUMMARY) {
        appendFileSync(process.env.GITHUB_STEP_SUMMARY, `### Results panel\n\n${screenshots.map(f => `- \`test-output/${f}\` (in the test-output artifact)`).join('\n')}\n`);
    }
}
console.log(`${passed} passed, ${failed} failed`);
