// Stub of 'k6/http' for the self-test: requests go to state.handler (the simulated API), on the virtual clock, and
// record http_reqs, http_req_duration and http_req_failed with k6's tags (name, method, status, expected_response).
import { state, sample } from './runtime.mjs';

const PARAMS = new Set(['auth', 'cookies', 'headers', 'jar', 'redirects', 'tags', 'timeout', 'compression',
  'responseType', 'responseCallback']);
const DURATION = /^(\d+(\.\d+)?(ms|s|m|h))+$/;

class ExpectedStatuses {
  constructor(codes) {
    this.codes = codes;
  }

  expects(status) {
    return this.codes.some((c) => (typeof c === 'number' ? c === status : status >= c.min && status <= c.max));
  }
}

export function expectedStatuses(...codes) {
  if (codes.length === 0) {
    throw new Error('expectedStatuses() needs at least one status');
  }
  codes.forEach((c) => {
    if (!(Number.isInteger(c) || (c && Number.isInteger(c.min) && Number.isInteger(c.max)))) {
      throw new Error(`expectedStatuses: ${JSON.stringify(c)} is not a status or {min, max}`);
    }
  });
  return new ExpectedStatuses(codes);
}

const DEFAULT_EXPECTED = new ExpectedStatuses([{ min: 200, max: 399 }]);

function canonical(name) {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (m, dash, c) => dash + c.toUpperCase());
}

export function request(method, url, body, params) {
  if (state.phase === 'init') {
    throw new Error('HTTP requests are not allowed in the init context');
  }
  const p = params || {};
  Object.keys(p).forEach((key) => {
    if (!PARAMS.has(key)) {
      throw new Error(`unknown request parameter '${key}'`);
    }
  });
  if (p.timeout !== undefined && !(typeof p.timeout === 'number' || DURATION.test(String(p.timeout)))) {
    throw new Error(`timeout '${p.timeout}' is not a duration`);
  }
  if (p.responseCallback !== undefined && !(p.responseCallback instanceof ExpectedStatuses)) {
    throw new Error('responseCallback must come from http.expectedStatuses()');
  }
  if (body !== null && body !== undefined && typeof body !== 'string') {
    throw new Error('the self-test only sends string bodies');
  }
  if (!/^https?:\/\/[^/]+\//.test(url)) {
    throw new Error(`not an absolute URL: ${url}`);
  }
  const headers = {};
  Object.keys(p.headers || {}).forEach((k) => {
    headers[canonical(k)] = String(p.headers[k]);
  });
  state.requests++;
  const started = state.now;
  const answer = state.handler({ method, url, body: body === undefined ? null : body, headers });
  state.now += state.latencyMs;
  const resHeaders = {};
  Object.keys(answer.headers || {}).forEach((k) => {
    resHeaders[canonical(k)] = answer.headers[k];
  });
  const expected = (p.responseCallback || DEFAULT_EXPECTED).expects(answer.status);
  const tags = Object.assign({ name: url, method, url, status: String(answer.status),
    expected_response: String(expected) }, p.tags || {});
  sample('http_reqs', 1, tags);
  sample('http_req_duration', state.now - started, tags);
  sample('http_req_failed', expected ? 0 : 1, tags);
  const res = {
    status: answer.status,
    body: answer.body === undefined ? null : answer.body,
    headers: resHeaders,
    url,
    error: '',
    error_code: 0,
    timings: { duration: state.now - started },
    request: { method, url, body, headers },
    json(selector) {
      if (selector !== undefined) {
        throw new Error('the self-test does not support json(selector)');
      }
      return JSON.parse(this.body);
    }
  };
  return res;
}

export function get(url, params) {
  if (params !== undefined && (typeof params !== 'object' || params === null)) {
    throw new Error('http.get(url, params): params must be an object (no body on a GET)');
  }
  return request('GET', url, null, params);
}
export function post(url, body, params) { return request('POST', url, body, params); }
export function put(url, body, params) { return request('PUT', url, body, params); }
export function patch(url, body, params) { return request('PATCH', url, body, params); }
export function del(url, body, params) { return request('DELETE', url, body, params); }

export function batch(requests) {
  if (!Array.isArray(requests)) {
    throw new Error('the self-test supports http.batch([...]) with an array');
  }
  return requests.map((r) => {
    if (typeof r === 'string') {
      return request('GET', r, null, {});
    }
    if (Array.isArray(r)) {
      return request(r[0], r[1], r[2], r[3]);
    }
    if (!r.method || !r.url) {
      throw new Error('a batch request needs method and url');
    }
    return request(r.method, r.url, r.body, r.params);
  });
}

export default { request, get, post, put, patch, del, batch, expectedStatuses };
