#!/usr/bin/env bash
# Checks the k6 scripts without k6 (which these machines cannot install):
#   1. every script and lib module (k6/*.js, k6/lib/**/*.js) parses as an ES2017 module with acorn
#      (ecmaVersion 2017, sourceType module): object spread/rest, ?., ??, class fields, async iteration,
#      top-level await, named capture groups, lookbehind, the s flag, 1_000, BigInt... are syntax errors there;
#      plus ES2018+ library calls a parser cannot see (Object.fromEntries, .flat, .replaceAll, globalThis ...);
#   2. imports are k6's own modules or relative files that exist inside k6/: no remote imports (http://, https://),
#      no bare package names, no xk6 extensions or k6/experimental modules;
#   3. the self-test (test/selftest.mjs, node): the pure helpers of lib/options.js, then every script run with stub k6
#      modules against a simulated API (options valid, thresholds well formed, every check passing).
# acorn comes from the npm registry into a cache folder outside the repository (no package.json or lock file here).
#
# Usage (from anywhere): k6/check.sh [--no-selftest]
#   FANOUT_K6_CHECK_CACHE  the cache folder (default ${XDG_CACHE_HOME:-$HOME/.cache}/fanout-k6-check)
#   ACORN_VERSION          the acorn release to parse with (default 8.19.0)
# Prints one PASS/FAIL line per file and per self-test, then "k6: N passed, N failed"; exits 1 if anything failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${FANOUT_K6_CHECK_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/fanout-k6-check}"
acorn_version="${ACORN_VERSION:-8.19.0}"
selftest=1
[ "${1:-}" = "--no-selftest" ] && selftest=0
start_ns=$(date +%s%N)
pass=0
fail=0

finish() {
  local ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
  echo "k6 check took ${ms} ms"
  echo "k6: ${pass} passed, ${fail} failed"
  [ "$fail" -eq 0 ]
}

tally() { # output of a checker -> adds its PASS/FAIL lines to the totals, prints it
  local out="$1" p f
  printf '%s\n' "$out"
  p=$(printf '%s\n' "$out" | grep -c '^PASS ' || true)
  f=$(printf '%s\n' "$out" | grep -c '^FAIL ' || true)
  pass=$((pass + p))
  fail=$((fail + f))
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "FAIL tools: node and npm are needed (apt-get install -y nodejs npm)"
  fail=1
  finish
  exit 1
fi

# acorn, pinned, installed once into the cache
acorn_main="$cache/node_modules/acorn/dist/acorn.mjs"
installed="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$cache/node_modules/acorn/package.json" 2>/dev/null | head -n1 || true)"
if [ "$installed" != "$acorn_version" ] || [ ! -f "$acorn_main" ]; then
  mkdir -p "$cache"
  if ! log="$(npm install --prefix "$cache" --no-audit --no-fund --loglevel=error --save-exact \
      "acorn@$acorn_version" 2>&1)"; then
    echo "FAIL tools: npm install acorn@$acorn_version into $cache"
    printf '%s\n' "$log" | sed 's/^/    /'
    fail=1
    finish
    exit 1
  fi
fi

# 1 + 2: every script and lib module (the node tools under test/ are not k6 code)
mapfile -t files < <(find "$here" \( -path "$here/test" -o -name node_modules \) -prune -o -type f -name '*.js' \
  -print | sort)
if [ "${#files[@]}" -eq 0 ]; then
  echo "FAIL scripts: no .js file under $here"
  fail=1
else
  out="$(cd "$here/.." && node "$here/test/es2017-check.mjs" "$acorn_main" "$here" "${files[@]}" 2>&1)" || true
  tally "$out"
  if ! printf '%s\n' "$out" | grep -q '^\(PASS\|FAIL\) '; then
    echo "FAIL es2017-check: no result"
    fail=$((fail + 1))
  fi
fi

# 3: the self-test under node
if [ "$selftest" -eq 1 ]; then
  out="$(cd "$here/.." && node --no-warnings --import "$here/test/k6-hooks.mjs" "$here/test/selftest.mjs" 2>&1)" || true
  tally "$out"
  if ! printf '%s\n' "$out" | grep -q '^selftest done$'; then
    echo "FAIL selftest: did not finish"
    fail=$((fail + 1))
  fi
fi

finish
