// The old name of the test clock, kept for the tests that still import it from here.
export { TestClock as ManualClock, flushPromises } from './testClock';
