// A simulated Fanout API for the self-test, on the stubs' virtual clock: order-service (POST /orders with its
// validation and idempotency rules, GET /orders/{id}, GET /customers/{id}/orders) and analytics-service
// (GET /analytics/summary), with the business rules of the real services (decline- customers, the 1000.00 /
// 10000.00 limits in the order's currency, LAMP-0007 with 3 units). Orders are decided DECIDE_MS after placement and
// shipped SHIP_MS after it.
import { state } from './k6-stubs/runtime.mjs';

const CURRENCIES = { GBP: 2, EUR: 2, USD: 2, CHF: 2, SEK: 2, NOK: 2, DKK: 2, PLN: 2, JPY: 0 };
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const DECIDE_MS = 40;
export const SHIP_MS = 90;

function iso(ms) {
  // microseconds, as Java's Instant prints them
  return new Date(ms).toISOString().replace('Z', '417Z');
}

function json(status, body, headers) {
  return { status, headers: Object.assign({ 'Content-Type': 'application/json' }, headers || {}),
    body: JSON.stringify(body) };
}

function problem(status, slug, title, detail, errors) {
  return { status, headers: { 'Content-Type': 'application/problem+json' },
    body: JSON.stringify({ type: `urn:fanout:problem:${slug}`, title, status, detail, errors: errors || [] }) };
}

export function createApi(options) {
  const o = Object.assign({ stuck: false, orderBase: 'http://127.0.0.1:8080', analyticsBase: 'http://127.0.0.1:8084',
    databaseEvery: 0 }, options || {});
  const orders = new Map();
  const keys = new Map();
  const byCustomer = new Map();
  const stock = { 'LAMP-0007': 3 };
  let sequence = 0;
  let reads = 0;
  const seen = { posts: 0, replays: 0, invalid: 0, gets: 0, lists: 0, summaries: 0, missing: 0 };

  function uuid() {
    sequence++;
    const hex = sequence.toString(16).padStart(12, '0');
    return `0193a7c2-5d1e-4b3a-9f0e-${hex}`;
  }

  function statusAt(order, now) {
    if (o.stuck || now < order.placedAt + DECIDE_MS) {
      return 'PENDING';
    }
    if (order.rejection) {
      return 'REJECTED';
    }
    return now < order.placedAt + SHIP_MS ? 'CONFIRMED' : 'SHIPPED';
  }

  function view(order, now) {
    const status = statusAt(order, now);
    const digits = CURRENCIES[order.currency];
    const v = {
      id: order.id, customerId: order.customerId, status, currency: order.currency,
      lines: order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice,
        lineTotal: Number(((l.quantity * l.minor) / 10 ** digits).toFixed(digits)) })),
      total: Number((order.totalMinor / 10 ** digits).toFixed(digits)),
      placedAt: iso(order.placedAt), updatedAt: iso(order.placedAt),
      payment: { status: 'PENDING' }, stock: { status: 'PENDING' }
    };
    if (status === 'REJECTED') {
      v.updatedAt = iso(order.placedAt + DECIDE_MS);
      v.rejection = Object.assign({ rejectedAt: iso(order.placedAt + DECIDE_MS) }, order.rejection);
    } else if (status !== 'PENDING') {
      v.payment = { status: 'AUTHORIZED', authorizationId: `auth-${order.id.slice(-6)}` };
      v.stock = { status: 'RESERVED' };
      v.updatedAt = iso(order.placedAt + DECIDE_MS);
    }
    if (status === 'SHIPPED') {
      v.updatedAt = iso(order.placedAt + SHIP_MS);
      v.shipment = { shipmentId: `shp-${order.id.slice(-6)}`, carrier: 'FANOUT_POST',
        trackingNumber: `FP${order.id.slice(-8)}`, shippedAt: iso(order.placedAt + SHIP_MS) };
    }
    return v;
  }

  function source() {
    reads++;
    return o.databaseEvery > 0 && reads % o.databaseEvery === 0 ? 'database' : 'cache';
  }

  function place(req) {
    const type = req.headers['Content-Type'] || '';
    if (!type.startsWith('application/json')) {
      return problem(415, 'unsupported-media-type', 'Unsupported media type', 'send application/json');
    }
    const key = req.headers['Idempotency-Key'];
    if (key !== undefined && (key.length === 0 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key))) {
      return problem(400, 'bad-request', 'Bad request', 'Idempotency-Key must be 1 to 255 visible ASCII characters');
    }
    let body;
    try {
      body = JSON.parse(req.body);
    } catch (e) {
      return problem(400, 'bad-request', 'Bad request', 'malformed JSON');
    }
    const unknown = Object.keys(body).filter((k) => !['customerId', 'currency', 'lines'].includes(k));
    if (unknown.length > 0) {
      return problem(400, 'bad-request', 'Bad request', `unknown field ${unknown[0]}`);
    }
    // the price texts as sent, to check their decimals like BigDecimal would
    const priceTexts = [...req.body.matchAll(/"unitPrice"\s*:\s*(-?[0-9.eE+-]+)/g)].map((m) => m[1]);
    const errors = [];
    if (typeof body.customerId !== 'string' || !ID.test(body.customerId) || body.customerId.length > 64) {
      errors.push({ field: 'customerId', message: 'is not an identifier' });
    }
    const digits = CURRENCIES[body.currency];
    if (digits === undefined) {
      errors.push({ field: 'currency', message: `'${body.currency}' is not a currency we accept` });
    }
    const lines = [];
    if (!Array.isArray(body.lines) || body.lines.length === 0) {
      errors.push({ field: 'lines', message: 'at least one line is required' });
    } else if (body.lines.length > 50) {
      errors.push({ field: 'lines', message: 'at most 50 lines' });
    } else {
      const skus = new Set();
      body.lines.forEach((l, i) => {
        const path = `lines[${i}]`;
        if (typeof l.sku !== 'string' || !ID.test(l.sku)) {
          errors.push({ field: `${path}.sku`, message: 'is not an identifier' });
        } else if (skus.has(l.sku)) {
          errors.push({ field: `${path}.sku`, message: 'repeats a line' });
        }
        skus.add(l.sku);
        if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > 1000) {
          errors.push({ field: `${path}.quantity`, message: `must be 1 to 1000, got ${l.quantity}` });
        }
        const text = priceTexts[i];
        if (typeof l.unitPrice !== 'number' || text === undefined || l.unitPrice < 0 || l.unitPrice > 100000) {
          errors.push({ field: `${path}.unitPrice`, message: 'must be a number from 0 to 100000' });
        } else if (digits !== undefined && /[eE]/.test(text)) {
          errors.push({ field: `${path}.unitPrice`, message: `exponent in ${text}` });
        } else if (digits !== undefined && (text.split('.')[1] || '').replace(/0+$/, '').length > digits) {
          errors.push({ field: `${path}.unitPrice`, message: `has more decimals than ${digits}, got ${text}` });
        } else if (digits !== undefined) {
          lines.push({ sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice,
            minor: Math.round(Number(text) * 10 ** digits) });
        }
      });
    }
    if (errors.length > 0) {
      seen.invalid++;
      return problem(422, 'validation', 'The request is not valid', `${errors.length} invalid fields`, errors);
    }
    if (key !== undefined && keys.has(key)) {
      const previous = keys.get(key);
      if (previous.fingerprint !== JSON.stringify(body)) {
        return problem(422, 'idempotency-key-reused', 'Idempotency-Key reused for a different request', key);
      }
      seen.replays++;
      const order = orders.get(previous.id);
      return json(201, view(order, state.now), { Location: `${o.orderBase}/orders/${order.id}`,
        'Idempotent-Replayed': 'true' });
    }
    seen.posts++;
    const totalMinor = lines.reduce((sum, l) => sum + l.quantity * l.minor, 0);
    const order = { id: uuid(), customerId: body.customerId, currency: body.currency, lines, totalMinor,
      placedAt: state.now, rejection: null };
    const limit = (body.customerId.startsWith('vip-') ? 10000 : 1000) * 10 ** digits;
    if (body.customerId.startsWith('decline-')) {
      order.rejection = { stage: 'PAYMENT', code: 'CARD_DECLINED', message: 'the issuer declined the card' };
    } else if (totalMinor > limit) {
      order.rejection = { stage: 'PAYMENT', code: 'LIMIT_EXCEEDED', message: 'above the limit' };
    } else {
      const short = lines.filter((l) => stock[l.sku] !== undefined && stock[l.sku] < l.quantity);
      if (short.length > 0) {
        order.rejection = { stage: 'STOCK', code: 'OUT_OF_STOCK', message: `${short[0].sku}: not enough` };
      } else {
        lines.forEach((l) => {
          if (stock[l.sku] !== undefined) {
            stock[l.sku] -= l.quantity;
          }
        });
      }
    }
    orders.set(order.id, order);
    if (key !== undefined) {
      keys.set(key, { id: order.id, fingerprint: JSON.stringify(body) });
    }
    byCustomer.set(order.customerId, [order.id].concat(byCustomer.get(order.customerId) || []));
    return json(201, view(order, state.now), { Location: `${o.orderBase}/orders/${order.id}` });
  }

  function handle(req) {
    const url = new URL(req.url);
    const base = `${url.protocol}//${url.host}`;
    if (base === o.analyticsBase) {
      if (req.method === 'GET' && url.pathname === '/analytics/summary') {
        seen.summaries++;
        const all = [...orders.values()].map((order) => statusAt(order, state.now));
        return json(200, { generation: 1, active: true,
          orders: { placed: all.length, confirmed: all.filter((s) => s !== 'PENDING' && s !== 'REJECTED').length,
            rejected: all.filter((s) => s === 'REJECTED').length, shipped: all.filter((s) => s === 'SHIPPED').length },
          revenue: [], rejections: [], latency: { placedToConfirmed: { count: 0 }, confirmedToShipped: { count: 0 } } });
      }
      return problem(404, 'not-found', 'Not found', url.pathname);
    }
    if (base !== o.orderBase) {
      throw new Error(`request to an unexpected host: ${req.url}`);
    }
    if (req.method === 'POST' && url.pathname === '/orders') {
      return place(req);
    }
    let m = /^\/orders\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && m) {
      if (!UUID.test(m[1])) {
        return problem(400, 'bad-request', 'Bad request', 'order id must be a UUID');
      }
      const order = orders.get(m[1]);
      if (!order) {
        seen.missing++;
        return problem(404, 'not-found', 'Not found', `no order ${m[1]}`);
      }
      seen.gets++;
      return json(200, view(order, state.now), { 'X-Fanout-Read-Source': source() });
    }
    m = /^\/customers\/([^/]+)\/orders$/.exec(url.pathname);
    if (req.method === 'GET' && m) {
      const page = Number(url.searchParams.get('page') || '0');
      const size = Number(url.searchParams.get('size') || '20');
      if (!ID.test(m[1]) || !Number.isInteger(page) || !Number.isInteger(size) || size < 1 || size > 100) {
        return problem(400, 'bad-request', 'Bad request', 'bad customer id, page or size');
      }
      seen.lists++;
      const ids = byCustomer.get(m[1]) || [];
      return json(200, { customerId: m[1], page, size, totalOrders: ids.length,
        orders: ids.slice(page * size, page * size + size).map((id) => view(orders.get(id), state.now)) },
      { 'X-Fanout-Read-Source': source() });
    }
    return problem(404, 'not-found', 'Not found', url.pathname);
  }

  return { handle, seen, orders, stock };
}
