// Prints one closing line over every Vitest run of `npm test` (unit + end-to-end), e.g.
// "870 passed, 0 failed, 0 skipped", from the JSON reports the Vitest configs write.
import { existsSync, readFileSync } from 'node:fs';

const reports = ['test-results/unit.json', 'test-results/e2e.json'];
const total = { passed: 0, failed: 0, skipped: 0 };
for (const file of reports) {
  if (!existsSync(file)) {
    console.error(`test summary: ${file} is missing (did that test run happen?)`);
    process.exitCode = 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  total.passed += report.numPassedTests ?? 0;
  total.failed += report.numFailedTests ?? 0;
  total.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
if (total.failed > 0) process.exitCode = 1;
