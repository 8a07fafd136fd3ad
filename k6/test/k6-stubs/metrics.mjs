// Stub of 'k6/metrics' for the self-test.
import { define, sample } from './runtime.mjs';

class Metric {
  constructor(name, type, isTime) {
    define(name, type, isTime);
    this.name = name;
  }

  add(value, tags) {
    sample(this.name, typeof value === 'boolean' ? (value ? 1 : 0) : Number(value), tags);
  }
}

export class Counter extends Metric {
  constructor(name, isTime) { super(name, 'counter', isTime); }
}
export class Gauge extends Metric {
  constructor(name, isTime) { super(name, 'gauge', isTime); }
}
export class Rate extends Metric {
  constructor(name) { super(name, 'rate', false); }
  add(value, tags) { sample(this.name, value ? 1 : 0, tags); }
}
export class Trend extends Metric {
  constructor(name, isTime) { super(name, 'trend', isTime); }
}
