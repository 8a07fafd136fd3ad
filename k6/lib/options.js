// Shared settings and helpers of the Fanout k6 scripts (intake.js, hot-reads.js, journey.js).
//
// Plain ES2017 with no imports at all, so it loads in k6 0.48 and newer and, for the self-test (test/selftest.mjs),
// in node. Everything here is a pure function of its arguments (the random source is a parameter, Math.random by
// default); the scripts own the k6 calls.
//
// Every environment variable, its default and what it means: k6/README.md.

const ENV = typeof __ENV !== 'undefined' && __ENV ? __ENV : {};

// ---------------------------------------------------------------------------------------------------------------
// Environment
// ---------------------------------------------------------------------------------------------------------------

function raw(env, name) {
  const value = env[name];
  return value === undefined || value === null || String(value).trim() === '' ? undefined : String(value).trim();
}

export function envString(name, fallback, env) {
  const value = raw(env || ENV, name);
  return value === undefined ? fallback : value;
}

/** A number from the environment; bounds are checked so a typo fails the run at once instead of skewing it. */
export function envNumber(name, fallback, env, bounds) {
  const text = raw(env || ENV, name);
  const b = bounds || {};
  if (text === undefined) {
    return fallback;
  }
  const value = Number(text);
  if (!isFinite(value) || (b.integer && Math.floor(value) !== value)) {
    throw new Error(name + ' must be ' + (b.integer ? 'an integer' : 'a number') + ", got '" + text + "'");
  }
  if ((b.min !== undefined && value < b.min) || (b.max !== undefined && value > b.max)) {
    throw new Error(name + ' must be between ' + b.min + ' and ' + b.max + ", got '" + text + "'");
  }
  return value;
}

export function envBool(name, fallback, env) {
  const text = raw(env || ENV, name);
  if (text === undefined) {
    return fallback;
  }
  if (/^(1|true|yes|on)$/i.test(text)) {
    return true;
  }
  if (/^(0|false|no|off)$/i.test(text)) {
    return false;
  }
  throw new Error(name + " must be true or false, got '" + text + "'");
}

const DURATION = /^(\d+(\.\d+)?(ms|s|m|h))+$/;

/** Milliseconds of a k6-style duration: 500ms, 30s, 1m30s, 2h. */
export function durationMs(text) {
  const value = String(text).trim();
  if (!DURATION.test(value)) {
    throw new Error("not a duration (like 500ms, 30s, 1m30s): '" + text + "'");
  }
  const factor = { ms: 1, s: 1000, m: 60000, h: 3600000 };
  const part = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let match = part.exec(value);
  while (match !== null) {
    total += Number(match[1]) * factor[match[2]];
    match = part.exec(value);
  }
  return total;
}

export function envDuration(name, fallback, env) {
  const value = envString(name, fallback, env);
  try {
    durationMs(value);
  } catch (e) {
    throw new Error(name + ': ' + e.message);
  }
  return value;
}

/** "30s:50,1m:50,15s:0" -> [{duration: '30s', target: 50}, ...] (ramping-arrival-rate stages). */
export function parseStages(text) {
  return String(text).split(',').map(function (item) {
    const parts = item.trim().split(':');
    if (parts.length !== 2) {
      throw new Error("STAGES: each stage is DURATION:TARGET (like 30s:50), got '" + item + "'");
    }
    durationMs(parts[0]);
    const target = Number(parts[1]);
    if (!isFinite(target) || target < 0 || Math.floor(target) !== target) {
      throw new Error("STAGES: a target is a whole number of iterations per second, got '" + parts[1] + "'");
    }
    return { duration: parts[0].trim(), target: target };
  });
}

/** "GBP:50,EUR:25" -> [['GBP', 50], ['EUR', 25]]. */
export function parseWeights(text, name) {
  return String(text).split(',').map(function (item) {
    const parts = item.trim().split(':');
    const weight = Number(parts[1]);
    if (parts.length !== 2 || !isFinite(weight) || weight < 0) {
      throw new Error(name + ": each entry is NAME:WEIGHT (like GBP:50), got '" + item + "'");
    }
    return [parts[0].trim(), weight];
  });
}

/**
 * Where GET /analytics/summary goes when ANALYTICS_URL is not set: analytics-service's own port on the local stack;
 * behind the ALB (any BASE_URL that is not a loopback address) the same host, which routes /analytics* to it.
 */
export function defaultAnalyticsUrl(baseUrl) {
  const host = /^[a-z]+:\/\/(\[[^\]]*\]|[^:/]*)/i.exec(String(baseUrl));
  if (!host || /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i.test(host[1])) {
    return 'http://127.0.0.1:8084';
  }
  return String(baseUrl);
}

function stripSlash(url) {
  return String(url).replace(/\/+$/, '');
}

// ---------------------------------------------------------------------------------------------------------------
// Thresholds: presets, each value overridable by its own variable
// ---------------------------------------------------------------------------------------------------------------

/**
 * Latency budgets in ms. local: everything on one machine (./fanout up), the numbers the benchmark targets leave room
 * for; aws: the same requests through an ALB (TLS, cross-AZ hops to Aurora, ElastiCache and MSK); lenient: a first
 * smoke run on a busy laptop or a cold environment, where only errors should fail the run.
 */
export const THRESHOLD_PRESETS = {
  local: {
    POST_P95_MS: 200, POST_P99_MS: 500,
    ORDER_P99_MS: 100, CUSTOMER_P99_MS: 200, SUMMARY_P99_MS: 200,
    JOURNEY_P95_MS: 500, JOURNEY_P99_MS: 1000
  },
  aws: {
    POST_P95_MS: 250, POST_P99_MS: 600,
    ORDER_P99_MS: 150, CUSTOMER_P99_MS: 300, SUMMARY_P99_MS: 300,
    JOURNEY_P95_MS: 1000, JOURNEY_P99_MS: 2000
  },
  lenient: {
    POST_P95_MS: 1000, POST_P99_MS: 3000,
    ORDER_P99_MS: 1000, CUSTOMER_P99_MS: 1000, SUMMARY_P99_MS: 1000,
    JOURNEY_P95_MS: 5000, JOURNEY_P99_MS: 10000
  }
};

// ---------------------------------------------------------------------------------------------------------------
// Settings of each script
// ---------------------------------------------------------------------------------------------------------------

const LOAD_DEFAULTS = {
  intake: { START_RATE: 5, RATE: 50, RAMP_UP: '30s', HOLD: '1m', RAMP_DOWN: '15s', PRE_VUS: 20, MAX_VUS: 200 },
  'hot-reads': { RATE: 200, DURATION: '1m', PRE_VUS: 20, MAX_VUS: 100 },
  journey: { RATE: 10, DURATION: '1m', PRE_VUS: 20, MAX_VUS: 200 }
};

/**
 * The settings of one script ('intake', 'hot-reads' or 'journey') from the environment (k6's __ENV unless env is
 * given). Throws on a malformed value, which makes k6 stop in the init stage with the message.
 */
export function settings(script, env) {
  const e = env || ENV;
  const load = LOAD_DEFAULTS[script];
  if (!load) {
    throw new Error('unknown script ' + script);
  }
  const presetName = envString('THRESHOLDS', 'local', e);
  const preset = THRESHOLD_PRESETS[presetName];
  if (!preset) {
    throw new Error("THRESHOLDS must be one of " + Object.keys(THRESHOLD_PRESETS).join(', ') + ", got '" +
      presetName + "'");
  }
  const ms = function (name) {
    return envNumber(name, preset[name], e, { min: 1 });
  };
  const pct = function (name, fallback) {
    return envNumber(name, fallback, e, { min: 0, max: 100 });
  };
  const count = function (name, fallback, min) {
    return envNumber(name, fallback, e, { min: min, integer: true });
  };
  const s = {
    script: script,
    baseUrl: stripSlash(envString('BASE_URL', 'http://127.0.0.1:8080', e)),
    analyticsUrl: stripSlash(envString('ANALYTICS_URL', defaultAnalyticsUrl(envString('BASE_URL', '', e)), e)),
    testId: envString('TEST_ID', '', e),
    requestTimeout: envDuration('REQUEST_TIMEOUT', '10s', e),
    abortOnFail: envBool('ABORT_ON_FAIL', false, e),
    preset: presetName,
    // load shape
    rate: count('RATE', load.RATE, 1),
    preVUs: count('PRE_VUS', load.PRE_VUS, 1),
    maxVUs: count('MAX_VUS', load.MAX_VUS, 1),
    maxDropped: count('MAX_DROPPED', 10, 0),
    // the order mix
    customers: count('CUSTOMERS', 10000, 1),
    declinePct: pct('DECLINE_PCT', 3),
    scarcePct: pct('SCARCE_PCT', 2),
    overLimitPct: pct('OVER_LIMIT_PCT', 1),
    currencyMix: parseWeights(envString('CURRENCY_MIX', 'GBP:50,EUR:25,USD:20,JPY:5', e), 'CURRENCY_MIX'),
    // what every script checks
    errorRateMax: envNumber('ERROR_RATE_MAX', 0.01, e, { min: 0, max: 1 }),
    checksMin: envNumber('CHECKS_MIN', 0.99, e, { min: 0, max: 1 })
  };
  s.maxVUs = Math.max(s.maxVUs, s.preVUs);
  if (s.declinePct + s.scarcePct + s.overLimitPct > 100) {
    throw new Error('DECLINE_PCT + SCARCE_PCT + OVER_LIMIT_PCT must not exceed 100');
  }
  s.currencyMix.forEach(function (entry) {
    if (!CURRENCIES[entry[0]]) {
      throw new Error("CURRENCY_MIX: '" + entry[0] + "' is not one of " + Object.keys(CURRENCIES).join(', '));
    }
  });
  if (script === 'intake') {
    s.startRate = count('START_RATE', load.START_RATE, 0);
    s.stages = raw(e, 'STAGES') !== undefined ? parseStages(raw(e, 'STAGES')) : [
      { duration: envDuration('RAMP_UP', load.RAMP_UP, e), target: s.rate },
      { duration: envDuration('HOLD', load.HOLD, e), target: s.rate },
      { duration: envDuration('RAMP_DOWN', load.RAMP_DOWN, e), target: 0 }
    ];
    s.replayPct = pct('REPLAY_PCT', 2);
    s.invalidPct = pct('INVALID_PCT', 1);
    s.postP95 = ms('POST_P95_MS');
    s.postP99 = ms('POST_P99_MS');
  } else if (script === 'hot-reads') {
    s.duration = envDuration('DURATION', load.DURATION, e);
    s.seedOrders = count('SEED_ORDERS', 200, 1);
    s.seedCustomers = count('SEED_CUSTOMERS', 20, 1);
    s.seedBatch = count('SEED_BATCH', 20, 1);
    s.setupTimeout = envDuration('SETUP_TIMEOUT', '2m', e);
    s.readMix = [
      ['order', envNumber('ORDER_WEIGHT', 80, e, { min: 0 })],
      ['customer_orders', envNumber('CUSTOMER_WEIGHT', 15, e, { min: 0 })],
      ['analytics_summary', envNumber('SUMMARY_WEIGHT', 4, e, { min: 0 })],
      ['order_missing', envNumber('MISSING_WEIGHT', 1, e, { min: 0 })]
    ];
    if (totalWeight(s.readMix) <= 0) {
      throw new Error('ORDER_WEIGHT, CUSTOMER_WEIGHT, SUMMARY_WEIGHT and MISSING_WEIGHT are all 0');
    }
    s.orderP99 = ms('ORDER_P99_MS');
    s.customerP99 = ms('CUSTOMER_P99_MS');
    s.summaryP99 = ms('SUMMARY_P99_MS');
    s.cacheHitMin = envNumber('CACHE_HIT_MIN', 0.95, e, { min: 0, max: 1 });
  } else {
    s.duration = envDuration('DURATION', load.DURATION, e);
    s.pollMs = envNumber('POLL_MS', 50, e, { min: 1 });
    s.deadline = envDuration('DEADLINE', '30s', e);
    s.deadlineMs = durationMs(s.deadline);
    s.journeyP95 = ms('JOURNEY_P95_MS');
    s.journeyP99 = ms('JOURNEY_P99_MS');
    s.timeoutRateMax = envNumber('TIMEOUT_RATE_MAX', 0.01, e, { min: 0, max: 1 });
    s.unexpectedRateMax = envNumber('UNEXPECTED_RATE_MAX', 0.01, e, { min: 0, max: 1 });
  }
  return s;
}

/** A threshold expression, with abortOnFail when ABORT_ON_FAIL is set (after 30 s, so a cold start does not). */
export function limit(expression, s) {
  if (!s.abortOnFail) {
    return expression;
  }
  return { threshold: expression, abortOnFail: true, delayAbortEval: '30s' };
}

/** Options every script shares: the summary's percentiles, a user agent, a test id tag, the common thresholds. */
export function baseOptions(s) {
  const options = {
    summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'],
    userAgent: 'fanout-k6/1 (' + s.script + ')',
    thresholds: {
      // 4xx/5xx and network errors; responses a script expects (a deliberate 422 or 404) are marked as expected
      http_req_failed: [limit('rate<' + s.errorRateMax, s)],
      checks: [limit('rate>' + s.checksMin, s)],
      // an open model that could not start an iteration on time dropped it: the rate asked for was not the one run
      dropped_iterations: ['count<=' + s.maxDropped]
    }
  };
  if (s.testId) {
    options.tags = { testid: s.testId };
  }
  return options;
}

// ---------------------------------------------------------------------------------------------------------------
// Random values (no library: Math.random unless a source is given, which the self-test seeds)
// ---------------------------------------------------------------------------------------------------------------

function source(rand) {
  return rand || Math.random;
}

/** An integer in [min, max]. */
export function randomInt(min, max, rand) {
  return min + Math.floor(source(rand)() * (max - min + 1));
}

export function chance(percent, rand) {
  return source(rand)() * 100 < percent;
}

function totalWeight(pairs) {
  return pairs.reduce(function (sum, pair) {
    return sum + pair[1];
  }, 0);
}

/** One value of [[value, weight], ...], in proportion to the weights. */
export function weightedPick(pairs, rand) {
  const total = totalWeight(pairs);
  let point = source(rand)() * total;
  for (let i = 0; i < pairs.length; i++) {
    if (pairs[i][1] > 0 && point < pairs[i][1]) {
      return pairs[i][0];
    }
    point -= pairs[i][1];
  }
  for (let i = pairs.length - 1; i >= 0; i--) {
    if (pairs[i][1] > 0) {
      return pairs[i][0];
    }
  }
  throw new Error('weightedPick: every weight is 0');
}

/** A random (version 4) UUID. */
export function uuidv4(rand) {
  const r = source(rand);
  const hex = '0123456789abcdef';
  let out = '';
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      out += '-';
    } else if (i === 14) {
      out += '4';
    } else if (i === 19) {
      out += hex[8 + Math.floor(r() * 4)];
    } else {
      out += hex[Math.floor(r() * 16)];
    }
  }
  return out;
}

/** n characters of [a-z0-9]. */
export function randomToken(n, rand) {
  const r = source(rand);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < n; i++) {
    out += alphabet[Math.floor(r() * alphabet.length)];
  }
  return out;
}

/** A small deterministic generator (mulberry32) for the self-test and reproducible mixes. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return function () {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Catalogue, money, and a realistic order
// ---------------------------------------------------------------------------------------------------------------

/** Minor-unit digits and a rough exchange rate from GBP (prices are made up; only their shape matters). */
export const CURRENCIES = {
  GBP: { digits: 2, perGbp: 1 },
  EUR: { digits: 2, perGbp: 1.17 },
  USD: { digits: 2, perGbp: 1.27 },
  JPY: { digits: 0, perGbp: 190 }
};

function pad4(n) {
  return ('000' + n).slice(-4);
}

/** SKUs with 1,000,000 units each in the seeded catalogue, and their GBP price in pence. */
export const DEEP_STOCK = (function () {
  const skus = {};
  for (let i = 1; i <= 10; i++) {
    skus['BOOK-' + pad4(i)] = 899 + 250 * i;
    skus['MUG-' + pad4(i)] = 599 + 100 * i;
    skus['TEE-' + pad4(i)] = 1299 + 150 * i;
  }
  skus['MUG-0042'] = 899;
  return skus;
}());

/** 3 units in the seeded catalogue: once they are gone, orders for it are REJECTED with OUT_OF_STOCK. */
export const SCARCE_SKU = 'LAMP-0007';
const SCARCE_PRICE_GBP = 8900;

/** The billing simulator's limits: 1000.00 and 10000.00 (vip-), compared with the amount in the order's currency. */
const LIMIT = 1000;
const VIP_LIMIT = 10000;

function scale(currency) {
  return Math.pow(10, CURRENCIES[currency].digits);
}

/** A SKU's unit price in the currency's minor units (an integer: pence, cents, yen). */
export function priceMinor(sku, currency) {
  const gbp = sku === SCARCE_SKU ? SCARCE_PRICE_GBP : DEEP_STOCK[sku];
  if (gbp === undefined) {
    throw new Error('no price for ' + sku);
  }
  return Math.round(gbp * CURRENCIES[currency].perGbp * scale(currency) / 100);
}

/** Minor units as the exact decimal text the API expects: 1250 GBP -> "12.50", 2468 JPY -> "2468". */
export function formatMinor(minor, currency) {
  const digits = CURRENCIES[currency].digits;
  if (Math.floor(minor) !== minor || minor < 0) {
    throw new Error('minor units must be a non-negative integer, got ' + minor);
  }
  if (digits === 0) {
    return String(minor);
  }
  const text = String(minor);
  const padded = text.length <= digits ? '0'.repeat(digits - text.length + 1) + text : text;
  return padded.slice(0, padded.length - digits) + '.' + padded.slice(padded.length - digits);
}

/** An amount the API returned (a JSON number or decimal string) in minor units. */
export function toMinor(amount, currency) {
  return Math.round(Number(amount) * scale(currency));
}

/** The billing limit of a customer, in minor units of the currency. */
export function limitMinor(customerId, currency) {
  return (customerId.indexOf('vip-') === 0 ? VIP_LIMIT : LIMIT) * scale(currency);
}

export function totalMinor(lines) {
  return lines.reduce(function (sum, line) {
    return sum + line.quantity * line.unitPriceMinor;
  }, 0);
}

function pickDistinct(list, n, rand) {
  const copy = list.slice();
  const out = [];
  while (out.length < n && copy.length > 0) {
    out.push(copy.splice(Math.floor(source(rand)() * copy.length), 1)[0]);
  }
  return out;
}

/** Lower the largest line until the order is within the limit (a good order must pass billing). */
function trimToLimit(lines, limitValue) {
  while (totalMinor(lines) > limitValue) {
    let largest = 0;
    for (let i = 1; i < lines.length; i++) {
      if (lines[i].quantity * lines[i].unitPriceMinor > lines[largest].quantity * lines[largest].unitPriceMinor) {
        largest = i;
      }
    }
    if (lines[largest].quantity > 1) {
      lines[largest].quantity -= 1;
    } else if (lines.length > 1) {
      lines.splice(largest, 1);
    } else {
      break;
    }
  }
  return lines;
}

function line(sku, quantity, currency) {
  return { sku: sku, quantity: quantity, unitPriceMinor: priceMinor(sku, currency) };
}

const LINE_COUNTS = [[1, 50], [2, 30], [3, 15], [4, 2], [5, 2], [6, 1]];
const QUANTITIES = [[1, 70], [2, 20], [3, 5], [4, 3], [5, 2]];
const KINDS = ['good', 'declined', 'scarce', 'over_limit'];

/**
 * A realistic order: {kind, customerId, currency, lines: [{sku, quantity, unitPriceMinor}], totalMinor, expected}.
 * kind is good (mostly: 1 to 3 lines of deep-stock SKUs, within the billing limit), declined (a decline- customer),
 * scarce (LAMP-0007, REJECTED once its 3 units are gone) or over_limit (above 1000.00: LIMIT_EXCEEDED); expected is
 * the terminal status the rules give (SHIPPED or REJECTED), null where it depends on what happened before (scarce).
 *
 * The simulated billing compares the amount with 1000.00 whatever the currency, so a regular customer's JPY order
 * above 1000 yen is declined: JPY orders go to vip- customers (limit 10000), and scarce and over-limit orders are in
 * a two-decimal currency, so each kind is rejected for the reason it stands for.
 *
 * s: settings(...) (customers, declinePct, scarcePct, overLimitPct, currencyMix); forced: {kind, customerId}.
 */
export function buildOrder(s, rand, forced) {
  const r = source(rand);
  const f = forced || {};
  let kind = f.kind;
  if (!kind) {
    kind = weightedPick([
      ['declined', s.declinePct], ['scarce', s.scarcePct], ['over_limit', s.overLimitPct],
      ['good', Math.max(0, 100 - s.declinePct - s.scarcePct - s.overLimitPct)]
    ], r);
  }
  if (KINDS.indexOf(kind) < 0) {
    throw new Error('unknown order kind ' + kind);
  }
  let currency = weightedPick(s.currencyMix, r);
  if (currency === 'JPY' && (kind === 'scarce' || kind === 'over_limit')) {
    const twoDecimals = s.currencyMix.filter(function (entry) {
      return CURRENCIES[entry[0]].digits === 2 && entry[1] > 0;
    });
    currency = twoDecimals.length > 0 ? weightedPick(twoDecimals, r) : 'GBP';
  }
  const n = randomInt(1, s.customers, r);
  let customerId = f.customerId;
  if (!customerId) {
    if (kind === 'declined') {
      customerId = 'decline-' + n;
    } else if (kind === 'good' && (currency === 'JPY' || chance(5, r))) {
      customerId = 'vip-' + n;
    } else {
      customerId = 'cust-' + n;
    }
  }
  const skus = Object.keys(DEEP_STOCK);
  let lines;
  if (kind === 'over_limit') {
    const sku = skus[Math.floor(r() * skus.length)];
    const price = priceMinor(sku, currency);
    const quantity = Math.min(1000, Math.floor(limitMinor(customerId, currency) / price) + randomInt(1, 5, r));
    lines = [line(sku, quantity, currency)];
  } else if (kind === 'scarce') {
    lines = [line(SCARCE_SKU, 1, currency)];
    if (chance(50, r)) {
      lines.push(line(skus[Math.floor(r() * skus.length)], 1, currency));
    }
  } else {
    const count = weightedPick(LINE_COUNTS, r);
    lines = pickDistinct(skus, count, r).map(function (sku) {
      return line(sku, weightedPick(QUANTITIES, r), currency);
    });
    trimToLimit(lines, limitMinor(customerId, currency));
  }
  const total = totalMinor(lines);
  let expected = null;
  if (kind === 'declined' || total > limitMinor(customerId, currency)) {
    expected = 'REJECTED';
  } else if (kind === 'good') {
    expected = 'SHIPPED';
  }
  return { kind: kind, customerId: customerId, currency: currency, lines: lines, totalMinor: total,
    expected: expected };
}

/**
 * The POST /orders body. Prices are written as exact JSON decimals from integer minor units ("unitPrice": 12.50,
 * "unitPrice": 2468 for JPY), never through floating point, so the server's BigDecimal sees exactly what we meant.
 * The same order always gives the same text, which an idempotent retry needs.
 */
export function orderBody(order) {
  const lines = order.lines.map(function (l) {
    return '{"sku":' + JSON.stringify(l.sku) + ',"quantity":' + l.quantity + ',"unitPrice":' +
      formatMinor(l.unitPriceMinor, order.currency) + '}';
  });
  return '{"customerId":' + JSON.stringify(order.customerId) + ',"currency":' + JSON.stringify(order.currency) +
    ',"lines":[' + lines.join(',') + ']}';
}

/** A request the API must refuse with 422 problem+json, and the field it must name. */
export function invalidOrder(rand) {
  const r = source(rand);
  const cases = [
    { field: 'lines[0].quantity',
      body: '{"customerId":"cust-1","currency":"GBP","lines":[{"sku":"BOOK-0001","quantity":0,"unitPrice":12.50}]}' },
    { field: 'currency',
      body: '{"customerId":"cust-1","currency":"XYZ","lines":[{"sku":"BOOK-0001","quantity":1,"unitPrice":12.50}]}' },
    { field: 'lines[0].unitPrice',
      body: '{"customerId":"cust-1","currency":"JPY","lines":[{"sku":"MUG-0042","quantity":1,"unitPrice":12.5}]}' },
    { field: 'lines', body: '{"customerId":"cust-1","currency":"EUR","lines":[]}' }
  ];
  return cases[Math.floor(r() * cases.length)];
}

// ---------------------------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------------------------

export const STATUSES = ['PENDING', 'CONFIRMED', 'REJECTED', 'SHIPPED'];
export const TERMINAL = ['SHIPPED', 'REJECTED'];

export function isTerminal(status) {
  return TERMINAL.indexOf(status) >= 0;
}

/** The request headers of a JSON POST, with an Idempotency-Key when one is given. */
export function jsonHeaders(idempotencyKey) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (idempotencyKey) {
    headers['Idempotency-Key'] = idempotencyKey;
  }
  return headers;
}

/** A response header, whatever the case of its name (k6 canonicalizes names; HTTP/2 lower-cases them). */
export function header(res, name) {
  const headers = (res && res.headers) || {};
  const wanted = name.toLowerCase();
  const keys = Object.keys(headers);
  for (let i = 0; i < keys.length; i++) {
    if (keys[i].toLowerCase() === wanted) {
      return headers[keys[i]];
    }
  }
  return undefined;
}

/** The parsed JSON body, or null when there is none or it is not JSON (k6's res.json() throws). */
export function jsonBody(res) {
  if (!res || typeof res.body !== 'string' || res.body === '') {
    return null;
  }
  try {
    return JSON.parse(res.body);
  } catch (e) {
    return null;
  }
}

/** Whether the Location header points at /orders/{id}. */
export function locationOf(res, id) {
  const location = header(res, 'Location');
  return typeof location === 'string' && typeof id === 'string' &&
    location.slice(location.length - ('/orders/' + id).length) === '/orders/' + id;
}

/** Whether res is an RFC 9457 problem with this status: the media type, and type/title/status in the body. */
export function isProblem(res, status) {
  const type = header(res, 'Content-Type');
  const body = jsonBody(res);
  return res.status === status && typeof type === 'string' && type.indexOf('application/problem+json') === 0 &&
    body !== null && body.status === status && typeof body.title === 'string' && typeof body.type === 'string';
}

/** Checks for check(res, problemChecks(422, 'currency')): the status, the problem document, the field it names. */
export function problemChecks(status, field, prefix) {
  const p = prefix ? prefix + ': ' : '';
  const checks = {};
  checks[p + 'status ' + status] = function (res) {
    return res.status === status;
  };
  checks[p + 'problem+json with type, title, status'] = function (res) {
    return isProblem(res, status);
  };
  if (field) {
    checks[p + 'problem names the field'] = function (res) {
      const body = jsonBody(res);
      return body !== null && Array.isArray(body.errors) && body.errors.some(function (error) {
        return error.field === field;
      });
    };
  }
  return checks;
}

/** Milliseconds since the epoch of an ISO-8601 instant with any number of fraction digits (Date.parse varies). */
export function instantMs(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(String(text));
  if (!m) {
    return NaN;
  }
  const fraction = m[7] ? Number(('0.' + m[7]).slice(0, 8)) * 1000 : 0;
  let offset = 0;
  if (m[8] !== 'Z') {
    offset = (m[8][0] === '-' ? -1 : 1) * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(4, 6))) * 60000;
  }
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) + fraction - offset;
}

/** Server-side journey of a terminal order: placedAt to shippedAt (or rejectedAt, or updatedAt), in ms. */
export function serverJourneyMs(view) {
  if (!view || !view.placedAt) {
    return NaN;
  }
  let end = view.updatedAt;
  if (view.status === 'SHIPPED' && view.shipment && view.shipment.shippedAt) {
    end = view.shipment.shippedAt;
  } else if (view.status === 'REJECTED' && view.rejection && view.rejection.rejectedAt) {
    end = view.rejection.rejectedAt;
  }
  return instantMs(end) - instantMs(view.placedAt);
}
