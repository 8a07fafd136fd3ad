// Self-test of the k6 scripts without k6 (node, run by k6/check.sh):
//   node --import k6/test/k6-hooks.mjs k6/test/selftest.mjs
// 1. the pure helpers of lib/options.js (money, order mix, ids, durations, settings, problem checks, instants);
// 2. each script loaded with stub k6 modules (k6-stubs/) against a simulated API (fake-api.mjs) on a virtual clock:
//    its options are valid k6 options, its thresholds parse and name metrics (and tags) that it really emits, every
//    check passes, its custom metrics get the samples they should, and its thresholds pass on a healthy API and
//    fail on a stuck one.
// Prints "PASS name" / "FAIL name" (reasons indented), then "selftest done".
import { state, reset } from './k6-stubs/runtime.mjs';
import { createApi, SHIP_MS, DECIDE_MS } from './fake-api.mjs';

const ENV = {};
globalThis.__ENV = ENV;
const lib = await import('../lib/options.js');

const realRandom = Math.random;
Date.now = () => state.now;

const results = [];
async function test(name, fn) {
  try {
    await fn();
    results.push(name);
    console.log(`PASS selftest: ${name}`);
  } catch (e) {
    console.log(`FAIL selftest: ${name}`);
    String(e && e.stack ? e.stack : e).split('\n').slice(0, 6).forEach((l) => console.log(`    ${l}`));
  }
}

function assert(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

function eq(actual, expected, what) {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  assert(a === b, `${what}: expected ${b}, got ${a}`);
}

function throws(fn, pattern, what) {
  try {
    fn();
  } catch (e) {
    assert(pattern.test(e.message), `${what}: threw '${e.message}', expected ${pattern}`);
    return;
  }
  throw new Error(`${what}: did not throw`);
}

function setEnv(values) {
  Object.keys(ENV).forEach((k) => delete ENV[k]);
  Object.assign(ENV, values || {});
}

// ---------------------------------------------------------------------------------------------------------------
// 1. lib/options.js
// ---------------------------------------------------------------------------------------------------------------

await test('formatMinor writes exact decimals per currency', () => {
  eq(lib.formatMinor(1250, 'GBP'), '12.50', '1250 GBP');
  eq(lib.formatMinor(5, 'GBP'), '0.05', '5 GBP');
  eq(lib.formatMinor(0, 'EUR'), '0.00', '0 EUR');
  eq(lib.formatMinor(100000, 'USD'), '1000.00', '100000 USD');
  eq(lib.formatMinor(2468, 'JPY'), '2468', '2468 JPY');
  eq(lib.formatMinor(123456789, 'EUR'), '1234567.89', 'large EUR');
  throws(() => lib.formatMinor(1.5, 'GBP'), /integer/, 'fractional minor units');
  eq(lib.toMinor(33.99, 'GBP'), 3399, 'toMinor 33.99');
  eq(lib.toMinor('1000.00', 'GBP'), 100000, 'toMinor of a string');
  eq(lib.toMinor(2468, 'JPY'), 2468, 'toMinor JPY');
});

await test('prices: integers in minor units, JPY without decimals', () => {
  eq(lib.priceMinor('MUG-0042', 'GBP'), 899, 'MUG-0042 GBP');
  eq(lib.priceMinor('BOOK-0001', 'GBP'), 1149, 'BOOK-0001 GBP');
  Object.keys(lib.DEEP_STOCK).concat([lib.SCARCE_SKU]).forEach((sku) => {
    Object.keys(lib.CURRENCIES).forEach((c) => {
      const p = lib.priceMinor(sku, c);
      assert(Number.isInteger(p) && p > 0, `${sku} ${c}: ${p}`);
    });
  });
  eq(Object.keys(lib.DEEP_STOCK).length, 31, 'deep-stock SKUs (BOOK, MUG, TEE 1..10 and MUG-0042)');
});

await test('orderBody is the JSON the API expects, with exact prices', () => {
  const order = { customerId: 'cust-1001', currency: 'GBP',
    lines: [{ sku: 'BOOK-0001', quantity: 2, unitPriceMinor: 1250 }, { sku: 'MUG-0042', quantity: 1, unitPriceMinor: 899 }] };
  const body = lib.orderBody(order);
  eq(body, '{"customerId":"cust-1001","currency":"GBP","lines":[{"sku":"BOOK-0001","quantity":2,"unitPrice":12.50},' +
    '{"sku":"MUG-0042","quantity":1,"unitPrice":8.99}]}', 'body');
  eq(JSON.parse(body).lines[0].unitPrice, 12.5, 'parses');
  const yen = lib.orderBody({ customerId: 'vip-1', currency: 'JPY', lines: [{ sku: 'MUG-0042', quantity: 1, unitPriceMinor: 1708 }] });
  assert(/"unitPrice":1708}/.test(yen), yen);
});

const mixSettings = lib.settings('intake', {});

await test('buildOrder: a realistic, valid mix (20,000 orders)', () => {
  const rand = lib.seededRandom(42);
  const kinds = {};
  const currencies = {};
  const lineCounts = {};
  const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
  const n = 20000;
  for (let i = 0; i < n; i++) {
    const o = lib.buildOrder(mixSettings, rand);
    kinds[o.kind] = (kinds[o.kind] || 0) + 1;
    currencies[o.currency] = (currencies[o.currency] || 0) + 1;
    lineCounts[o.lines.length] = (lineCounts[o.lines.length] || 0) + 1;
    assert(idPattern.test(o.customerId), `customer id ${o.customerId}`);
    assert(o.lines.length >= 1 && o.lines.length <= 50, `${o.lines.length} lines`);
    assert(new Set(o.lines.map((l) => l.sku)).size === o.lines.length, 'a SKU on two lines');
    o.lines.forEach((l) => assert(Number.isInteger(l.quantity) && l.quantity >= 1 && l.quantity <= 1000, `quantity ${l.quantity}`));
    eq(o.totalMinor, lib.totalMinor(o.lines), 'total');
    const lim = lib.limitMinor(o.customerId, o.currency);
    if (o.kind === 'good') {
      assert(o.totalMinor <= lim && o.expected === 'SHIPPED', `good order over its limit: ${JSON.stringify(o)}`);
      assert(o.lines.every((l) => l.sku !== lib.SCARCE_SKU), 'good order with the scarce SKU');
      assert(o.currency !== 'JPY' || o.customerId.startsWith('vip-'), 'JPY order of a regular customer');
    } else if (o.kind === 'declined') {
      assert(o.customerId.startsWith('decline-') && o.expected === 'REJECTED', 'declined');
    } else if (o.kind === 'over_limit') {
      assert(o.totalMinor > lim && o.expected === 'REJECTED' && o.currency !== 'JPY', `over limit ${JSON.stringify(o)}`);
    } else {
      assert(o.lines[0].sku === lib.SCARCE_SKU && o.expected === null && o.totalMinor <= lim && o.currency !== 'JPY',
        `scarce ${JSON.stringify(o)}`);
    }
  }
  const share = (x) => (x || 0) / n;
  assert(Math.abs(share(kinds.declined) - 0.03) < 0.01, `declined ${share(kinds.declined)}`);
  assert(Math.abs(share(kinds.scarce) - 0.02) < 0.01, `scarce ${share(kinds.scarce)}`);
  assert(Math.abs(share(kinds.over_limit) - 0.01) < 0.005, `over limit ${share(kinds.over_limit)}`);
  assert(share(kinds.good) > 0.9, `good ${share(kinds.good)}`);
  ['GBP', 'EUR', 'USD', 'JPY'].forEach((c) => assert(currencies[c] > 0, `no ${c}`));
  assert(share(currencies.GBP) > 0.4 && share(currencies.JPY) < 0.1, JSON.stringify(currencies));
  const oneToThree = share(lineCounts[1]) + share(lineCounts[2]) + share(lineCounts[3]);
  assert(oneToThree > 0.9, `1 to 3 lines: ${oneToThree}`);
});

await test('buildOrder: forced kind and customer, CUSTOMERS and percentages from env', () => {
  const o = lib.buildOrder(mixSettings, lib.seededRandom(1), { kind: 'good', customerId: 'vip-hot-x-1' });
  eq(o.customerId, 'vip-hot-x-1', 'customer');
  eq(o.kind, 'good', 'kind');
  const none = lib.settings('journey', { DECLINE_PCT: '0', SCARCE_PCT: '0', OVER_LIMIT_PCT: '0', CUSTOMERS: '3' });
  const r = lib.seededRandom(7);
  for (let i = 0; i < 500; i++) {
    const x = lib.buildOrder(none, r);
    assert(x.kind === 'good' && /^(cust|vip)-[123]$/.test(x.customerId), JSON.stringify(x));
  }
  throws(() => lib.buildOrder(mixSettings, r, { kind: 'weird' }), /unknown order kind/, 'bad kind');
});

await test('invalidOrder: each case is refused by the rules the README states', () => {
  const api = createApi();
  state.handler = api.handle;
  for (let i = 0; i < 40; i++) {
    const bad = lib.invalidOrder(lib.seededRandom(i));
    const res = api.handle({ method: 'POST', url: 'http://127.0.0.1:8080/orders', body: bad.body,
      headers: { 'Content-Type': 'application/json' } });
    eq(res.status, 422, bad.body);
    assert(JSON.parse(res.body).errors.some((e) => e.field === bad.field), `${bad.field} not named: ${res.body}`);
  }
});

await test('uuidv4 and randomToken', () => {
  const seen = new Set();
  for (let i = 0; i < 10000; i++) {
    const id = lib.uuidv4();
    assert(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id), id);
    seen.add(id);
  }
  eq(seen.size, 10000, 'unique');
  assert(/^[a-z0-9]{6}$/.test(lib.randomToken(6)), 'token');
});

await test('weightedPick follows weights and never picks a 0 weight', () => {
  const r = lib.seededRandom(3);
  const counts = { a: 0, b: 0, c: 0 };
  for (let i = 0; i < 10000; i++) {
    counts[lib.weightedPick([['a', 80], ['b', 0], ['c', 20]], r)]++;
  }
  eq(counts.b, 0, 'zero weight');
  assert(Math.abs(counts.a / 10000 - 0.8) < 0.02, JSON.stringify(counts));
  throws(() => lib.weightedPick([['a', 0]], r), /every weight is 0/, 'all zero');
});

await test('durations, stages and weights parse like k6 (and typos fail)', () => {
  eq(lib.durationMs('500ms'), 500, '500ms');
  eq(lib.durationMs('1m30s'), 90000, '1m30s');
  eq(lib.durationMs('2h'), 7200000, '2h');
  eq(lib.durationMs('1.5s'), 1500, '1.5s');
  throws(() => lib.durationMs('10'), /not a duration/, 'no unit');
  throws(() => lib.durationMs('1 m'), /not a duration/, 'space');
  eq(lib.parseStages('10s:5, 1m:100,5s:0'), [{ duration: '10s', target: 5 }, { duration: '1m', target: 100 },
    { duration: '5s', target: 0 }], 'stages');
  throws(() => lib.parseStages('10s'), /DURATION:TARGET/, 'stage without target');
  throws(() => lib.parseStages('10s:1.5'), /whole number/, 'fractional target');
  eq(lib.parseWeights('GBP:50,JPY:5', 'X'), [['GBP', 50], ['JPY', 5]], 'weights');
});

await test('settings: defaults, presets, overrides, and clear errors', () => {
  const intake = lib.settings('intake', {});
  eq([intake.baseUrl, intake.analyticsUrl], ['http://127.0.0.1:8080', 'http://127.0.0.1:8084'], 'URLs');
  eq(intake.stages, [{ duration: '30s', target: 50 }, { duration: '1m', target: 50 }, { duration: '15s', target: 0 }], 'stages');
  eq([intake.postP95, intake.postP99, intake.startRate, intake.preVUs, intake.maxVUs], [200, 500, 5, 20, 200], 'intake');
  const aws = lib.settings('intake', { THRESHOLDS: 'aws', POST_P99_MS: '750', BASE_URL: 'https://alb.example/',
    RATE: '300', HOLD: '5m', STAGES: '' });
  eq([aws.postP95, aws.postP99, aws.baseUrl, aws.stages[1]], [250, 750, 'https://alb.example',
    { duration: '5m', target: 300 }], 'aws + overrides');
  eq(lib.settings('intake', { STAGES: '1m:10,1m:0' }).stages.length, 2, 'STAGES');
  eq(aws.analyticsUrl, 'https://alb.example', 'ANALYTICS_URL follows a remote BASE_URL (the ALB routes /analytics*)');
  eq(lib.settings('journey', { BASE_URL: 'http://localhost:8080' }).analyticsUrl, 'http://127.0.0.1:8084', 'local');
  eq(lib.settings('journey', { BASE_URL: 'http://[::1]:8080' }).analyticsUrl, 'http://127.0.0.1:8084', 'local v6');
  eq(lib.settings('journey', { BASE_URL: 'https://x.example', ANALYTICS_URL: 'http://y:8084/' }).analyticsUrl,
    'http://y:8084', 'explicit ANALYTICS_URL');
  const reads = lib.settings('hot-reads', {});
  eq([reads.rate, reads.duration, reads.seedOrders, reads.orderP99, reads.cacheHitMin], [200, '1m', 200, 100, 0.95], 'hot-reads');
  const journey = lib.settings('journey', { DEADLINE: '1m30s' });
  eq([journey.rate, journey.pollMs, journey.deadlineMs, journey.journeyP95, journey.journeyP99], [10, 50, 90000, 500, 1000], 'journey');
  throws(() => lib.settings('intake', { RATE: 'fast' }), /RATE must be an integer/, 'RATE');
  throws(() => lib.settings('intake', { THRESHOLDS: 'prod' }), /THRESHOLDS must be one of/, 'preset');
  throws(() => lib.settings('journey', { DEADLINE: '30' }), /DEADLINE/, 'DEADLINE');
  throws(() => lib.settings('intake', { REPLAY_PCT: '120' }), /between 0 and 100/, 'percentage');
  throws(() => lib.settings('intake', { DECLINE_PCT: '60', SCARCE_PCT: '50' }), /must not exceed 100/, 'mix');
  throws(() => lib.settings('intake', { CURRENCY_MIX: 'GBP:1,XYZ:1' }), /XYZ/, 'currency');
  throws(() => lib.settings('hot-reads', { ORDER_WEIGHT: '0', CUSTOMER_WEIGHT: '0', SUMMARY_WEIGHT: '0',
    MISSING_WEIGHT: '0' }), /all 0/, 'weights');
  throws(() => lib.settings('intake', { ABORT_ON_FAIL: 'maybe' }), /true or false/, 'bool');
  eq(lib.limit('rate<0.01', lib.settings('intake', { ABORT_ON_FAIL: '1' })),
    { threshold: 'rate<0.01', abortOnFail: true, delayAbortEval: '30s' }, 'abortOnFail');
  eq(lib.baseOptions(lib.settings('journey', { TEST_ID: 'run-7' })).tags, { testid: 'run-7' }, 'TEST_ID');
});

await test('header, jsonBody, isProblem, problemChecks, locationOf', () => {
  const problemRes = { status: 422, headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({ type: 'urn:fanout:problem:validation', title: 'The request is not valid', status: 422,
      errors: [{ field: 'currency', message: 'x' }] }) };
  eq(lib.header(problemRes, 'Content-Type'), 'application/problem+json', 'case-insensitive header');
  assert(lib.isProblem(problemRes, 422), 'a problem');
  assert(!lib.isProblem(problemRes, 400), 'another status');
  assert(!lib.isProblem({ status: 422, headers: { 'Content-Type': 'application/json' }, body: problemRes.body }, 422),
    'plain JSON is not a problem');
  const checks = lib.problemChecks(422, 'currency', 'invalid');
  eq(Object.keys(checks), ['invalid: status 422', 'invalid: problem+json with type, title, status',
    'invalid: problem names the field'], 'check names');
  assert(Object.keys(checks).every((k) => checks[k](problemRes)), 'all pass');
  assert(!lib.problemChecks(422, 'lines')['problem names the field'](problemRes), 'wrong field');
  eq(lib.jsonBody({ body: 'not json' }), null, 'bad JSON');
  eq(lib.jsonBody({ body: null }), null, 'no body');
  const id = '0193a7c2-5d1e-4b3a-9f0e-000000000001';
  assert(lib.locationOf({ headers: { Location: `http://127.0.0.1:8080/orders/${id}` } }, id), 'absolute Location');
  assert(lib.locationOf({ headers: { location: `/orders/${id}` } }, id), 'relative Location');
  assert(!lib.locationOf({ headers: { Location: '/orders/other' } }, id), 'other Location');
  assert(lib.isTerminal('SHIPPED') && lib.isTerminal('REJECTED') && !lib.isTerminal('CONFIRMED'), 'terminal');
});

await test('instantMs reads Java instants (any fraction, offsets) and serverJourneyMs', () => {
  eq(lib.instantMs('2026-01-15T09:00:00Z'), Date.UTC(2026, 0, 15, 9), 'whole seconds');
  eq(lib.instantMs('2026-01-15T09:00:00.123456789Z'), Date.UTC(2026, 0, 15, 9) + 123.456, 'nanoseconds');
  eq(lib.instantMs('2026-01-15T10:00:00.5+01:00'), Date.UTC(2026, 0, 15, 9) + 500, 'offset');
  assert(Number.isNaN(lib.instantMs('yesterday')), 'garbage');
  eq(lib.serverJourneyMs({ status: 'SHIPPED', placedAt: '2026-01-15T09:00:00.100000Z', updatedAt: '2026-01-15T09:00:00.300Z',
    shipment: { shippedAt: '2026-01-15T09:00:00.250Z' } }), 150, 'shipped');
  eq(lib.serverJourneyMs({ status: 'REJECTED', placedAt: '2026-01-15T09:00:00Z', updatedAt: '2026-01-15T09:00:01Z',
    rejection: { rejectedAt: '2026-01-15T09:00:00.040Z' } }), 40, 'rejected');
});

// ---------------------------------------------------------------------------------------------------------------
// 2. the scripts, with stub k6 modules against the simulated API
// ---------------------------------------------------------------------------------------------------------------

const EXECUTORS = {
  'ramping-arrival-rate': { required: ['stages', 'preAllocatedVUs'],
    allowed: ['startRate', 'timeUnit', 'preAllocatedVUs', 'maxVUs', 'stages'] },
  'constant-arrival-rate': { required: ['rate', 'duration', 'preAllocatedVUs'],
    allowed: ['rate', 'timeUnit', 'duration', 'preAllocatedVUs', 'maxVUs'] }
};
const SCENARIO_COMMON = ['executor', 'startTime', 'gracefulStop', 'exec', 'env', 'tags', 'options'];
const OPTION_KEYS = ['scenarios', 'thresholds', 'summaryTrendStats', 'userAgent', 'tags', 'setupTimeout',
  'teardownTimeout', 'discardResponseBodies', 'noConnectionReuse'];
const AGGREGATIONS = { counter: ['count', 'rate'], gauge: ['value'], rate: ['rate'], trend: ['avg', 'min', 'max', 'med', 'p'] };
const duration = (v) => typeof v === 'string' && /^(\d+(\.\d+)?(ms|s|m|h))+$/.test(v);

function parseThresholdKey(key) {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\{(.*)\})?$/.exec(key);
  assert(m, `threshold key '${key}' is not metric{tag:value,...}`);
  const tags = {};
  if (m[3] !== undefined) {
    m[3].split(',').forEach((pair) => {
      const i = pair.indexOf(':');
      assert(i > 0, `threshold key '${key}': tag '${pair}' is not name:value`);
      tags[pair.slice(0, i).trim()] = pair.slice(i + 1).trim().replace(/^"(.*)"$/, '$1');
    });
  }
  return { metric: m[1], tags };
}

function parseExpression(text) {
  const m = /^\s*(avg|min|max|med|count|rate|value|p\((\d+(?:\.\d+)?)\))\s*(<=|>=|<|>|===|==|!=)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  assert(m, `threshold '${text}' does not parse`);
  return { agg: m[2] !== undefined ? 'p' : m[1], p: Number(m[2]), op: m[3], value: Number(m[4]) };
}

function aggregate(metric, samples, e) {
  const values = samples.map((s) => s.value);
  if (metric.type === 'rate') {
    return values.length ? values.filter((v) => v !== 0).length / values.length : 0;
  }
  if (metric.type === 'counter') {
    return e.agg === 'count' ? values.reduce((a, b) => a + b, 0) : values.length;
  }
  if (values.length === 0) {
    return 0;
  }
  const sorted = values.slice().sort((a, b) => a - b);
  switch (e.agg) {
    case 'avg': return values.reduce((a, b) => a + b, 0) / values.length;
    case 'min': return sorted[0];
    case 'max': return sorted[sorted.length - 1];
    case 'med': e = { agg: 'p', p: 50 }; break;
    default: break;
  }
  const rank = (e.p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (rank - lo);
}

function compare(a, op, b) {
  return { '<': a < b, '<=': a <= b, '>': a > b, '>=': a >= b, '==': a === b, '===': a === b, '!=': a !== b }[op];
}

/** Validates a script's options the way k6 would reject them at start. */
function validateOptions(options, mod) {
  assert(options && typeof options === 'object', 'no exported options');
  Object.keys(options).forEach((k) => assert(OPTION_KEYS.includes(k), `unknown option ${k}`));
  (options.summaryTrendStats || []).forEach((s) => assert(/^(avg|min|med|max|count|p\(\d+(\.\d+)?\))$/.test(s), `summaryTrendStats ${s}`));
  if (options.setupTimeout !== undefined) {
    assert(duration(options.setupTimeout), `setupTimeout ${options.setupTimeout}`);
  }
  const scenarios = Object.keys(options.scenarios || {});
  assert(scenarios.length > 0, 'no scenarios');
  scenarios.forEach((name) => {
    const sc = options.scenarios[name];
    const ex = EXECUTORS[sc.executor];
    assert(ex, `${name}: executor ${sc.executor}`);
    Object.keys(sc).forEach((k) => assert(SCENARIO_COMMON.includes(k) || ex.allowed.includes(k), `${name}: unknown field ${k}`));
    ex.required.forEach((k) => assert(sc[k] !== undefined, `${name}: ${k} missing`));
    ['preAllocatedVUs', 'maxVUs', 'rate', 'startRate'].forEach((k) => {
      if (sc[k] !== undefined) {
        assert(Number.isInteger(sc[k]) && sc[k] >= 0, `${name}: ${k}=${sc[k]}`);
      }
    });
    if (sc.maxVUs !== undefined) {
      assert(sc.maxVUs >= sc.preAllocatedVUs, `${name}: maxVUs < preAllocatedVUs`);
    }
    ['timeUnit', 'duration', 'gracefulStop'].forEach((k) => {
      if (sc[k] !== undefined) {
        assert(duration(sc[k]), `${name}: ${k}=${sc[k]}`);
      }
    });
    (sc.stages || []).forEach((st) => assert(duration(st.duration) && Number.isInteger(st.target) && st.target >= 0,
      `${name}: stage ${JSON.stringify(st)}`));
    assert(typeof mod[sc.exec || 'default'] === 'function', `${name}: no exported function ${sc.exec || 'default'}`);
  });
  Object.keys(options.thresholds || {}).forEach((key) => {
    const { metric } = parseThresholdKey(key);
    const m = state.metrics.get(metric);
    assert(m, `threshold on ${metric}, a metric the script does not define`);
    const list = options.thresholds[key];
    assert(Array.isArray(list) && list.length > 0, `thresholds of ${key}: not a non-empty array`);
    list.forEach((t) => {
      const text = typeof t === 'string' ? t : t.threshold;
      if (typeof t !== 'string') {
        Object.keys(t).forEach((k) => assert(['threshold', 'abortOnFail', 'delayAbortEval'].includes(k), `${key}: ${k}`));
      }
      const e = parseExpression(text);
      assert(AGGREGATIONS[m.type].includes(e.agg), `${key}: ${text}: ${e.agg} does not apply to a ${m.type}`);
    });
  });
}

/** Each threshold on the samples recorded: {key, expression, value, ok, samples}. */
function evaluateThresholds(options) {
  const out = [];
  Object.keys(options.thresholds || {}).forEach((key) => {
    const { metric, tags } = parseThresholdKey(key);
    const m = state.metrics.get(metric);
    const samples = m.samples.filter((s) => Object.keys(tags).every((t) => s.tags[t] === tags[t]));
    options.thresholds[key].forEach((t) => {
      const text = typeof t === 'string' ? t : t.threshold;
      const e = parseExpression(text);
      const value = aggregate(m, samples, e);
      out.push({ key, text, value, ok: compare(value, e.op, e.value), samples: samples.length });
    });
  });
  return out;
}

function samplesOf(name, tags) {
  return state.metrics.get(name).samples.filter((s) => Object.keys(tags || {}).every((t) => s.tags[t] === tags[t]));
}

function sum(name, tags) {
  return samplesOf(name, tags).reduce((a, s) => a + s.value, 0);
}

let runNumber = 0;

/** Runs setup() once and the default function n times (seeded), as one VU would. */
async function run(file, env, api, iterations, seed) {
  setEnv(env);
  reset();
  state.phase = 'init';
  state.handler = api.handle;
  Math.random = lib.seededRandom(seed);
  try {
    runNumber++;
    const mod = await import(new URL(`../${file}?run=${runNumber}`, import.meta.url).href);
    validateOptions(mod.options, mod);
    let data = null;
    if (typeof mod.setup === 'function') {
      state.phase = 'setup';
      const returned = mod.setup();
      data = returned === undefined ? null : JSON.parse(JSON.stringify(returned));
    }
    state.phase = 'vu';
    for (let i = 0; i < iterations; i++) {
      state.iterationInTest = i;
      mod.default(data);
    }
    return { mod, data, thresholds: evaluateThresholds(mod.options),
      failedChecks: [...state.checks].filter(([, c]) => c.fail > 0).map(([n, c]) => `${n} (${c.fail} of ${c.pass + c.fail})`) };
  } finally {
    Math.random = realRandom;
  }
}

function assertHealthy(r, allowEmpty) {
  assert(r.failedChecks.length === 0, `failed checks: ${r.failedChecks.join('; ')}`);
  const empty = r.thresholds.filter((t) => t.samples === 0 && !(allowEmpty || []).includes(t.key));
  assert(empty.length === 0, `thresholds with no samples (a tag or metric the script never emits?): ${empty.map((t) => t.key).join(', ')}`);
  const broken = r.thresholds.filter((t) => !t.ok);
  assert(broken.length === 0, `thresholds failing on a healthy API: ${broken.map((t) => `${t.key} ${t.text} (${t.value})`).join(', ')}`);
}

await test('intake.js: options, checks, replays, invalid requests, thresholds', async () => {
  const api = createApi();
  const r = await run('intake.js', { REPLAY_PCT: '20', INVALID_PCT: '10' }, api, 400, 11);
  const sc = r.mod.options.scenarios.intake;
  eq([sc.executor, sc.startRate, sc.stages.length, sc.maxVUs], ['ramping-arrival-rate', 5, 3, 200], 'scenario');
  assert(r.mod.options.thresholds['http_req_duration{endpoint:place_order}'].join() === 'p(95)<200,p(99)<500', 'POST thresholds');
  assertHealthy(r, ['dropped_iterations', 'replay_failures']);
  assert(sum('idempotent_replays') > 40 && sum('idempotent_replays') === api.seen.replays, `replays ${sum('idempotent_replays')}`);
  eq(sum('replay_failures'), 0, 'replay failures');
  assert(api.seen.invalid > 20, `invalid requests ${api.seen.invalid}`);
  eq(sum('http_req_failed'), 0, 'no failed requests (the 422s are expected)');
  ['good', 'declined', 'scarce', 'over_limit'].forEach((k) => assert(sum('orders_accepted', { kind: k }) > 0, `no ${k} order`));
  assert(samplesOf('http_req_duration', { endpoint: 'place_order' }).every((s) => s.tags.name === 'POST /orders'), 'name tag');
});

await test('intake.js: failures are seen (checks fail, http_req_failed rises)', async () => {
  const api = createApi();
  const broken = { handle: (req) => (req.method === 'POST' ? { status: 503, headers: {}, body: '' } : api.handle(req)) };
  const r = await run('intake.js', { INVALID_PCT: '0' }, broken, 50, 5);
  assert(r.failedChecks.some((c) => c.startsWith('place: status 201')), 'status check did not fail');
  assert(r.thresholds.some((t) => t.key === 'http_req_failed' && !t.ok), 'http_req_failed threshold passed');
  assert(r.thresholds.some((t) => t.key === 'checks' && !t.ok), 'checks threshold passed');
});

await test('hot-reads.js: seeding, the read mix, cache hit rate, thresholds', async () => {
  const api = createApi({ databaseEvery: 50 });
  const r = await run('hot-reads.js', { SEED_ORDERS: '60', SEED_CUSTOMERS: '6', SEED_BATCH: '25', MISSING_WEIGHT: '5' }, api, 600, 21);
  eq([r.data.orderIds.length, r.data.customerIds.length, r.data.ordersPerCustomer], [60, 6, 10], 'setup data');
  assert(r.data.customerIds.every((c) => /^vip-hot-[a-z0-9]{6}-\d+$/.test(c)), 'seed customers');
  eq(r.mod.options.scenarios['hot-reads'].executor, 'constant-arrival-rate', 'executor');
  assertHealthy(r, ['dropped_iterations']);
  ['order', 'customer_orders', 'analytics_summary', 'order_missing'].forEach((e) =>
    assert(samplesOf('http_req_duration', { endpoint: e }).length > 0, `no ${e} request`));
  const hits = samplesOf('cache_hits', { endpoint: 'order' });
  const rate = hits.filter((s) => s.value).length / hits.length;
  assert(rate > 0.95 && rate < 1, `cache hit rate ${rate}`);
  assert(samplesOf('cache_hits', { endpoint: 'customer_orders' }).length > 0, 'customer list source not recorded');
  const share = samplesOf('http_req_duration', { endpoint: 'order' }).length / 600;
  assert(share > 0.7 && share < 0.85, `order share ${share}`);
});

await test('hot-reads.js: cache misses fail the cache_hits threshold; seeding failures stop the run', async () => {
  const r = await run('hot-reads.js', { SEED_ORDERS: '10', SEED_CUSTOMERS: '2' }, createApi({ databaseEvery: 2 }), 200, 4);
  assert(r.thresholds.some((t) => t.key === 'cache_hits{endpoint:order}' && !t.ok), 'cache_hits threshold passed at 50%');
  const api = createApi();
  const refusing = { handle: (req) => (req.method === 'POST' ? { status: 503, headers: {}, body: 'down' } : api.handle(req)) };
  let message = '';
  try {
    await run('hot-reads.js', { SEED_ORDERS: '10' }, refusing, 1, 4);
  } catch (e) {
    message = e.message;
  }
  assert(/seeding failed: 10 of 10/.test(message), `setup did not fail clearly: '${message}'`);
});

await test('journey.js: journeys to SHIPPED and REJECTED, timings, counters, thresholds', async () => {
  const api = createApi();
  const r = await run('journey.js', {}, api, 400, 31);
  eq(r.mod.options.scenarios.journey.gracefulStop, '30s', 'gracefulStop = DEADLINE');
  assertHealthy(r, ['dropped_iterations']);
  const shipped = sum('journeys_shipped');
  const rejected = sum('journeys_rejected');
  eq(shipped + rejected, 400, 'every journey terminal');
  ['CARD_DECLINED', 'LIMIT_EXCEEDED', 'OUT_OF_STOCK'].forEach((code) =>
    assert(sum('journeys_rejected', { code }) > 0, `no ${code} rejection`));
  eq(sum('journeys_timed_out'), 0, 'timeouts');
  eq(api.stock['LAMP-0007'], 0, 'the scarce SKU sold out');
  const journeys = samplesOf('journey_ms', { outcome: 'shipped' }).map((s) => s.value);
  assert(journeys.every((v) => v >= SHIP_MS && v <= SHIP_MS + 60), `journey_ms of shipped orders ${Math.min(...journeys)}..${Math.max(...journeys)}`);
  assert(samplesOf('journey_server_ms', { outcome: 'shipped' }).every((s) => Math.abs(s.value - SHIP_MS) < 1e-6), 'server journey of shipped');
  assert(samplesOf('journey_server_ms', { outcome: 'rejected' }).every((s) => Math.abs(s.value - DECIDE_MS) < 1e-6), 'server journey of rejected');
  assert(samplesOf('decision_ms').length === 400, 'decision_ms for every order');
  eq(sum('journey_unexpected_outcome'), 0, 'unexpected outcomes');
});

await test('journey.js: orders that never finish time out and fail journey_not_terminal', async () => {
  const r = await run('journey.js', { DEADLINE: '1s', POLL_MS: '100' }, createApi({ stuck: true }), 5, 8);
  eq(sum('journeys_timed_out'), 5, 'timed out');
  assert(r.thresholds.some((t) => t.key === 'journey_not_terminal' && !t.ok && t.value === 1), 'journey_not_terminal passed');
  eq(samplesOf('journey_ms').length, 0, 'no journey time for unfinished orders');
});

await test('journey.js: a good order REJECTED counts as unexpected', async () => {
  const api = createApi();
  // an API that rejects everything: stock short for every SKU
  Object.keys(lib.DEEP_STOCK).forEach((sku) => { api.stock[sku] = 0; });
  const r = await run('journey.js', {}, api, 100, 9);
  assert(r.thresholds.some((t) => t.key === 'journey_unexpected_outcome' && !t.ok), 'unexpected outcomes not seen');
});

console.log(`selftest: ${results.length} tests passed`);
console.log('selftest done');
