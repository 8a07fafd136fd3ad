// Stub of the 'k6' module for the self-test.
import { state, sample } from './runtime.mjs';

export function check(value, sets, tags) {
  if (state.phase === 'init') {
    throw new Error('check() in the init context');
  }
  let all = true;
  for (const name of Object.keys(sets)) {
    const set = sets[name];
    let ok;
    try {
      ok = Boolean(typeof set === 'function' ? set(value) : set);
    } catch (e) {
      throw new Error(`check '${name}' threw: ${e.message}`);
    }
    const entry = state.checks.get(name) || { pass: 0, fail: 0 };
    entry[ok ? 'pass' : 'fail']++;
    state.checks.set(name, entry);
    sample('checks', ok ? 1 : 0, Object.assign({ check: name }, tags || {}));
    all = all && ok;
  }
  return all;
}

export function sleep(seconds) {
  if (typeof seconds !== 'number' || !(seconds >= 0)) {
    throw new Error(`sleep(${seconds})`);
  }
  state.now += seconds * 1000;
}

export function group(name, fn) {
  return fn();
}

export function fail(message) {
  throw new Error(message);
}

export default { check, sleep, group, fail };
