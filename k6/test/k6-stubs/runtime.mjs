// What the k6 stubs record, shared with the self-test: a virtual clock, checks, metric samples, the HTTP handler.
export const state = {
  phase: 'init',
  now: Date.UTC(2026, 0, 15, 9, 0, 0),
  latencyMs: 3,
  checks: new Map(), // name -> {pass, fail}
  metrics: new Map(), // name -> {type, isTime, samples: [{value, tags}]}
  handler: null, // (request) -> {status, headers, body}
  requests: 0,
  vu: { idInTest: 1, iterationInInstance: 0 },
  iterationInTest: 0
};

const BUILTIN = {
  http_reqs: 'counter', http_req_duration: 'trend', http_req_failed: 'rate', http_req_blocked: 'trend',
  http_req_connecting: 'trend', http_req_tls_handshaking: 'trend', http_req_sending: 'trend',
  http_req_waiting: 'trend', http_req_receiving: 'trend', iterations: 'counter', iteration_duration: 'trend',
  dropped_iterations: 'counter', checks: 'rate', vus: 'gauge', vus_max: 'gauge', data_sent: 'counter',
  data_received: 'counter'
};

export function reset() {
  state.checks.clear();
  state.metrics.clear();
  Object.keys(BUILTIN).forEach((name) => state.metrics.set(name, { type: BUILTIN[name], builtin: true, samples: [] }));
  state.requests = 0;
}
reset();

export function define(name, type, isTime) {
  if (state.phase !== 'init') {
    throw new Error(`metric ${name} created outside the init context (k6 refuses that)`);
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(name)) {
    throw new Error(`metric name '${name}' is not a valid k6 metric name`);
  }
  const known = state.metrics.get(name);
  if (known && known.type !== type) {
    throw new Error(`metric ${name} already exists as a ${known.type}`);
  }
  if (!known) {
    state.metrics.set(name, { type, isTime: Boolean(isTime), samples: [] });
  }
}

export function sample(name, value, tags) {
  if (state.phase === 'init') {
    throw new Error(`metric ${name} sampled in the init context`);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`metric ${name} got ${value}`);
  }
  state.metrics.get(name).samples.push({ value, tags: Object.assign({}, tags || {}) });
}
