/** TAP-style steps for the check scripts: one `ok N - name (ms)` or `not ok N - name` line each. */
export function createSteps() {
  const counts = { passed: 0, failed: 0 };
  /** Runs one step; prints its line and returns false when it threw. */
  async function step(name, action) {
    const started = Date.now();
    const number = counts.passed + counts.failed + 1;
    try {
      await action();
    } catch (error) {
      counts.failed += 1;
      console.log(`not ok ${number} - ${name}\n  ${String(error?.message ?? error).trim().replace(/\n/g, '\n  ')}`);
      return false;
    }
    counts.passed += 1;
    console.log(`ok ${number} - ${name} (${Date.now() - started} ms)`);
    return true;
  }
  return { step, counts };
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}
