// Hot reads at a constant arrival rate against a seeded set of orders: GET /orders/{id} (most), a customer's order
// list, the analytics summary, and a few unknown ids (404 problem+json, expected). setup() places the orders first
// (SEED_ORDERS over SEED_CUSTOMERS customers); the share of reads answered from Redis is a custom Rate.
//
//   k6 run k6/hot-reads.js                                 # local stack (./fanout up)
//   BASE_URL=https://<alb-dns> ANALYTICS_URL=https://<alb-dns> THRESHOLDS=aws k6 run k6/hot-reads.js
//
// Environment variables and thresholds: k6/README.md.
import http from 'k6/http';
import { check } from 'k6';
import { Rate } from 'k6/metrics';
import {
  settings, baseOptions, limit, buildOrder, orderBody, jsonHeaders, jsonBody, header, problemChecks, weightedPick,
  uuidv4, randomToken, STATUSES
} from './lib/options.js';

const s = settings('hot-reads');

/** Reads answered from Redis (X-Fanout-Read-Source: cache), tagged by endpoint; the rest came from PostgreSQL. */
const cacheHits = new Rate('cache_hits');
/** A GET of an unknown id must answer 404: expected, so it does not count in http_req_failed. */
const expect404 = http.expectedStatuses(404);

const weightOf = {};
s.readMix.forEach(function (entry) {
  weightOf[entry[0]] = entry[1];
});

const options0 = baseOptions(s);
options0.setupTimeout = s.setupTimeout;
options0.scenarios = {
  'hot-reads': {
    executor: 'constant-arrival-rate',
    rate: s.rate,
    timeUnit: '1s',
    duration: s.duration,
    preAllocatedVUs: s.preVUs,
    maxVUs: s.maxVUs,
    gracefulStop: '10s'
  }
};
if (weightOf.order > 0) {
  options0.thresholds['http_req_duration{endpoint:order}'] = [limit('p(99)<' + s.orderP99, s)];
  options0.thresholds['cache_hits{endpoint:order}'] = [limit('rate>=' + s.cacheHitMin, s)];
}
if (weightOf.customer_orders > 0) {
  options0.thresholds['http_req_duration{endpoint:customer_orders}'] = [limit('p(99)<' + s.customerP99, s)];
}
if (weightOf.analytics_summary > 0) {
  options0.thresholds['http_req_duration{endpoint:analytics_summary}'] = [limit('p(99)<' + s.summaryP99, s)];
}
if (weightOf.order_missing > 0) {
  options0.thresholds['http_req_duration{endpoint:order_missing}'] = [limit('p(99)<' + s.orderP99, s)];
}
export const options = options0;

/** Places SEED_ORDERS good orders (vip- customers, so they ship) in batches; fails the run if any is refused. */
export function setup() {
  const run = randomToken(6);
  const customerCount = Math.min(s.seedCustomers, s.seedOrders);
  const customerIds = [];
  for (let k = 1; k <= customerCount; k++) {
    customerIds.push('vip-hot-' + run + '-' + k);
  }
  const requests = [];
  for (let i = 0; i < s.seedOrders; i++) {
    const order = buildOrder(s, null, { kind: 'good', customerId: customerIds[i % customerCount] });
    requests.push({
      method: 'POST',
      url: s.baseUrl + '/orders',
      body: orderBody(order),
      params: {
        headers: jsonHeaders('k6-seed-' + run + '-' + i),
        tags: { name: 'POST /orders (seed)', endpoint: 'seed' },
        timeout: s.requestTimeout
      }
    });
  }
  const orderIds = [];
  const failures = [];
  for (let from = 0; from < requests.length; from += s.seedBatch) {
    const responses = http.batch(requests.slice(from, from + s.seedBatch));
    for (let i = 0; i < responses.length; i++) {
      const view = jsonBody(responses[i]);
      if (responses[i].status === 201 && view !== null && typeof view.id === 'string') {
        orderIds.push(view.id);
      } else {
        failures.push(responses[i].status + ' ' + String(responses[i].body || responses[i].error).slice(0, 200));
      }
    }
  }
  if (failures.length > 0) {
    throw new Error('seeding failed: ' + failures.length + ' of ' + s.seedOrders + ' POST ' + s.baseUrl +
      '/orders were not 201 (first: ' + failures[0] + '). Is order-service up? (./fanout status)');
  }
  return { orderIds: orderIds, customerIds: customerIds, ordersPerCustomer: Math.floor(s.seedOrders / customerCount) };
}

function pick(list) {
  return list[Math.floor(Math.random() * list.length)];
}

export default function (data) {
  const what = weightedPick(s.readMix);
  if (what === 'order') {
    readOrder(pick(data.orderIds));
  } else if (what === 'customer_orders') {
    readCustomerOrders(pick(data.customerIds));
  } else if (what === 'analytics_summary') {
    readSummary();
  } else {
    readMissingOrder();
  }
}

function recordSource(res, endpoint) {
  const source = header(res, 'X-Fanout-Read-Source');
  if (res.status === 200 && (source === 'cache' || source === 'database')) {
    cacheHits.add(source === 'cache', { endpoint: endpoint });
  }
  return source;
}

function readOrder(id) {
  const res = http.get(s.baseUrl + '/orders/' + id, {
    tags: { name: 'GET /orders/{id}', endpoint: 'order' },
    timeout: s.requestTimeout
  });
  const view = jsonBody(res);
  const source = recordSource(res, 'order');
  check(res, {
    'order: status 200': function (r) {
      return r.status === 200;
    },
    'order: the order asked for': function () {
      return view !== null && view.id === id && STATUSES.indexOf(view.status) >= 0;
    },
    'order: X-Fanout-Read-Source is cache or database': function () {
      return source === 'cache' || source === 'database';
    }
  }, { endpoint: 'order' });
}

function readCustomerOrders(customerId) {
  const res = http.get(s.baseUrl + '/customers/' + customerId + '/orders?page=0&size=20', {
    tags: { name: 'GET /customers/{id}/orders', endpoint: 'customer_orders' },
    timeout: s.requestTimeout
  });
  const page = jsonBody(res);
  recordSource(res, 'customer_orders');
  check(res, {
    'customer orders: status 200': function (r) {
      return r.status === 200;
    },
    'customer orders: the seeded orders': function () {
      return page !== null && page.customerId === customerId && Array.isArray(page.orders) &&
        page.orders.length >= 1 && page.orders.length <= 20 && page.totalOrders >= page.orders.length;
    }
  }, { endpoint: 'customer_orders' });
}

function readSummary() {
  const res = http.get(s.analyticsUrl + '/analytics/summary', {
    tags: { name: 'GET /analytics/summary', endpoint: 'analytics_summary' },
    timeout: s.requestTimeout
  });
  const summary = jsonBody(res);
  check(res, {
    'summary: status 200': function (r) {
      return r.status === 200;
    },
    'summary: order totals': function () {
      return summary !== null && summary.orders !== null && typeof summary.orders === 'object' &&
        typeof summary.orders.placed === 'number';
    }
  }, { endpoint: 'analytics_summary' });
}

function readMissingOrder() {
  const res = http.get(s.baseUrl + '/orders/' + uuidv4(), {
    tags: { name: 'GET /orders/{id} (unknown)', endpoint: 'order_missing' },
    timeout: s.requestTimeout,
    responseCallback: expect404
  });
  check(res, problemChecks(404, null, 'unknown order'), { endpoint: 'order_missing' });
}
