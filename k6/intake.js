// Order intake under a rising arrival rate: POST /orders with an Idempotency-Key on every request and a realistic
// order mix; a few requests are retried with the same key and body (an idempotent replay must come back), a few are
// invalid on purpose (422 problem+json, expected, so they do not count as failures).
//
//   k6 run k6/intake.js                                    # local stack (./fanout up)
//   BASE_URL=https://<alb-dns> THRESHOLDS=aws k6 run k6/intake.js
//
// Environment variables and thresholds: k6/README.md.
import http from 'k6/http';
import { check } from 'k6';
import { Counter, Rate } from 'k6/metrics';
import {
  settings, baseOptions, limit, buildOrder, orderBody, invalidOrder, jsonHeaders, jsonBody, header, locationOf,
  problemChecks, toMinor, uuidv4, chance
} from './lib/options.js';

const s = settings('intake');

/** Replays that came back as such (201, Idempotent-Replayed: true, the same order). */
const replays = new Counter('idempotent_replays');
/** Replays that did not: a new order, another id, an error. Should be 0. */
const replayFailures = new Rate('replay_failures');
/** Orders accepted, tagged by kind (good, declined, scarce, over_limit) and currency. */
const accepted = new Counter('orders_accepted');
/** The deliberate 422s are answers we asked for: they do not count in http_req_failed. */
const expect422 = http.expectedStatuses(422);

const options0 = baseOptions(s);
options0.scenarios = {
  intake: {
    executor: 'ramping-arrival-rate',
    startRate: s.startRate,
    timeUnit: '1s',
    preAllocatedVUs: s.preVUs,
    maxVUs: s.maxVUs,
    stages: s.stages,
    gracefulStop: '30s'
  }
};
options0.thresholds['http_req_duration{endpoint:place_order}'] = [
  limit('p(95)<' + s.postP95, s), limit('p(99)<' + s.postP99, s)
];
options0.thresholds.replay_failures = ['rate<0.01'];
export const options = options0;

const placeTags = function (order) {
  return { name: 'POST /orders', endpoint: 'place_order', kind: order.kind, currency: order.currency };
};

export default function () {
  if (chance(s.invalidPct)) {
    placeInvalid();
    return;
  }
  const order = buildOrder(s);
  const body = orderBody(order);
  const key = 'k6-intake-' + uuidv4();
  const res = http.post(s.baseUrl + '/orders', body, {
    headers: jsonHeaders(key),
    tags: placeTags(order),
    timeout: s.requestTimeout
  });
  const view = jsonBody(res);
  const placed = check(res, {
    'place: status 201': function (r) {
      return r.status === 201;
    },
    'place: Location is /orders/{id}': function (r) {
      return view !== null && locationOf(r, view.id);
    },
    'place: status PENDING': function () {
      return view !== null && view.status === 'PENDING';
    },
    'place: total is the sum of the lines': function () {
      return view !== null && toMinor(view.total, order.currency) === order.totalMinor;
    }
  }, { endpoint: 'place_order' });
  if (res.status !== 201 || view === null) {
    return;
  }
  if (placed) {
    accepted.add(1, { kind: order.kind, currency: order.currency });
  }
  if (chance(s.replayPct)) {
    replay(body, key, view.id, order);
  }
}

/** The same request again, as a client whose first answer got lost would send it. */
function replay(body, key, id, order) {
  const res = http.post(s.baseUrl + '/orders', body, {
    headers: jsonHeaders(key),
    tags: { name: 'POST /orders (replay)', endpoint: 'place_order_replay', kind: order.kind },
    timeout: s.requestTimeout
  });
  const view = jsonBody(res);
  const ok = check(res, {
    'replay: status 201': function (r) {
      return r.status === 201;
    },
    'replay: Idempotent-Replayed: true': function (r) {
      return header(r, 'Idempotent-Replayed') === 'true';
    },
    'replay: the same order': function () {
      return view !== null && view.id === id;
    }
  }, { endpoint: 'place_order_replay' });
  replayFailures.add(!ok);
  if (ok) {
    replays.add(1);
  }
}

function placeInvalid() {
  const invalid = invalidOrder();
  const res = http.post(s.baseUrl + '/orders', invalid.body, {
    headers: jsonHeaders(null),
    tags: { name: 'POST /orders (invalid)', endpoint: 'place_order_invalid' },
    timeout: s.requestTimeout,
    responseCallback: expect422
  });
  check(res, problemChecks(422, invalid.field, 'invalid'), { endpoint: 'place_order_invalid' });
}
