// Prints the one line CI reads: "N passed, N failed", summed over every suite that ran.
// vitest writes test-output/vitest.json; the editor suites write test-output/*.results.json ({ passed, failed }).
import { existsSync, readdirSync, readFileSync } from 'node:fs';

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
console.log(`suites: ${parts.join(', ') || 'none'}`);
console.log(`${passed} passed, ${failed} failed`);
