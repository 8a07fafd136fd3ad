// Stub of 'k6/execution' for the self-test.
import { state } from './runtime.mjs';

export default {
  get vu() { return state.vu; },
  get scenario() { return { name: 'selftest', iterationInTest: state.iterationInTest }; },
  test: { abort(message) { throw new Error(`test aborted: ${message}`); } }
};
