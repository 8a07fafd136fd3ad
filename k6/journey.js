// The customer's journey, end to end: each iteration places an order (realistic mix) and polls GET /orders/{id}
// every POLL_MS until it is terminal (SHIPPED or REJECTED) or DEADLINE passes. journey_ms is the time from sending
// the POST to receiving the first terminal answer, as a client sees it (so it includes up to one poll interval);
// journey_server_ms is the same journey from the order's own timestamps (placedAt to shippedAt/rejectedAt).
//
//   k6 run k6/journey.js                                   # local stack (./fanout up, all services)
//   BASE_URL=https://<alb-dns> THRESHOLDS=aws k6 run k6/journey.js
//
// Environment variables and thresholds: k6/README.md.
import http from 'k6/http';
import { check, sleep } from 'k6';
import { Counter, Rate, Trend } from 'k6/metrics';
import {
  settings, baseOptions, limit, buildOrder, orderBody, jsonHeaders, jsonBody, locationOf, isTerminal, STATUSES,
  serverJourneyMs, uuidv4
} from './lib/options.js';

const s = settings('journey');

/** POST sent to terminal answer received, ms; tagged outcome (shipped, rejected) and kind. */
const journeyMs = new Trend('journey_ms', true);
/** placedAt to shippedAt or rejectedAt from the order itself, ms (no poll granularity, no client network). */
const journeyServerMs = new Trend('journey_server_ms', true);
/** POST sent to the first answer that is no longer PENDING (billing and stock decided), ms. */
const decisionMs = new Trend('decision_ms', true);
/** One counter per terminal status, and one for orders that had none by the deadline. */
const shipped = new Counter('journeys_shipped');
const rejected = new Counter('journeys_rejected');
const timedOut = new Counter('journeys_timed_out');
/** Orders that did not reach a terminal state before DEADLINE (or whose POST failed). */
const notTerminal = new Rate('journey_not_terminal');
/** Terminal orders whose status is not the one the business rules give (a good order REJECTED, a decline SHIPPED). */
const unexpected = new Rate('journey_unexpected_outcome');

const options0 = baseOptions(s);
options0.scenarios = {
  journey: {
    executor: 'constant-arrival-rate',
    rate: s.rate,
    timeUnit: '1s',
    duration: s.duration,
    preAllocatedVUs: s.preVUs,
    maxVUs: s.maxVUs,
    // let the last journeys finish (or time out) rather than cut them off
    gracefulStop: s.deadline
  }
};
options0.thresholds.journey_ms = [limit('p(95)<' + s.journeyP95, s), limit('p(99)<' + s.journeyP99, s)];
options0.thresholds.journey_not_terminal = [limit('rate<' + s.timeoutRateMax, s)];
options0.thresholds.journey_unexpected_outcome = ['rate<' + s.unexpectedRateMax];
export const options = options0;

export default function () {
  const order = buildOrder(s);
  const started = Date.now();
  const res = http.post(s.baseUrl + '/orders', orderBody(order), {
    headers: jsonHeaders('k6-journey-' + uuidv4()),
    tags: { name: 'POST /orders', endpoint: 'place_order', kind: order.kind },
    timeout: s.requestTimeout
  });
  const placed = jsonBody(res);
  const ok = check(res, {
    'place: status 201': function (r) {
      return r.status === 201;
    },
    'place: Location is /orders/{id}': function (r) {
      return placed !== null && locationOf(r, placed.id);
    }
  }, { endpoint: 'place_order' });
  if (!ok || placed === null) {
    notTerminal.add(true, { kind: order.kind });
    return;
  }
  const view = poll(placed.id, started, order);
  if (view === null) {
    notTerminal.add(true, { kind: order.kind });
    timedOut.add(1, { kind: order.kind });
    return;
  }
  const outcome = view.status.toLowerCase();
  notTerminal.add(false, { kind: order.kind });
  journeyMs.add(view.receivedAt - started, { outcome: outcome, kind: order.kind });
  const server = serverJourneyMs(view);
  if (server >= 0) {
    journeyServerMs.add(server, { outcome: outcome, kind: order.kind });
  }
  if (view.status === 'SHIPPED') {
    shipped.add(1, { kind: order.kind });
  } else {
    rejected.add(1, { kind: order.kind, code: view.rejection ? String(view.rejection.code) : 'none' });
  }
  if (order.expected !== null) {
    unexpected.add(view.status !== order.expected, { kind: order.kind });
  }
  check(view, {
    'journey: a rejected order says why': function (v) {
      return v.status !== 'REJECTED' || (v.rejection !== undefined && v.rejection !== null &&
        typeof v.rejection.code === 'string');
    },
    'journey: a shipped order has its shipment': function (v) {
      return v.status !== 'SHIPPED' || (v.shipment !== undefined && v.shipment !== null &&
        typeof v.shipment.trackingNumber === 'string');
    }
  });
}

/** Polls until terminal; the terminal view with receivedAt, or null at the deadline. */
function poll(id, started, order) {
  let decided = false;
  while (Date.now() - started < s.deadlineMs) {
    const res = http.get(s.baseUrl + '/orders/' + id, {
      tags: { name: 'GET /orders/{id} (poll)', endpoint: 'poll' },
      timeout: s.requestTimeout
    });
    const receivedAt = Date.now();
    const view = jsonBody(res);
    check(res, {
      'poll: status 200 with a known status': function (r) {
        return r.status === 200 && view !== null && STATUSES.indexOf(view.status) >= 0;
      }
    }, { endpoint: 'poll' });
    if (res.status === 200 && view !== null) {
      if (!decided && view.status !== 'PENDING') {
        decided = true;
        decisionMs.add(receivedAt - started, { outcome: view.status.toLowerCase(), kind: order.kind });
      }
      if (isTerminal(view.status)) {
        view.receivedAt = receivedAt;
        return view;
      }
    }
    sleep(s.pollMs / 1000);
  }
  return null;
}
