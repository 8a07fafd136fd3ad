#!/usr/bin/env bash
# Offline checks of deploy/observability/: Prometheus configs, alert rules and their unit tests (promtool, from
# Debian's `prometheus` package), the Grafana dashboard JSON and the files compose mounts. Runs from anywhere;
# no network, no running Prometheus or Grafana; about a second.
#
#   deploy/observability/check.sh            # one PASS/FAIL line per check, then "observability: N passed, N failed"
#
# Without promtool on PATH the four promtool checks are skipped (said so, and counted as skipped) and the exit
# status is that of the remaining checks. Install it with: apt-get install -y --no-install-recommends prometheus
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
passed=0
failed=0
skipped=0
started=$(date +%s.%N)

# run_check NAME COMMAND...: runs the command, prints PASS or FAIL with its output indented on failure
run_check() {
    local name="$1"
    shift
    local out t0 t1 rc=0
    t0=$(date +%s.%N)
    out="$("$@" 2>&1)" || rc=$?
    t1=$(date +%s.%N)
    local took
    took=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
    if [ "$rc" -eq 0 ]; then
        passed=$((passed + 1))
        printf 'PASS  %s (%ss)\n' "$name" "$took"
    else
        failed=$((failed + 1))
        printf 'FAIL  %s (%ss)\n' "$name" "$took"
        printf '%s\n' "$out" | sed 's/^/      /'
    fi
}

need_python() {
    if ! command -v python3 >/dev/null 2>&1; then
        echo "python3 not found"
        return 1
    fi
}

# ---------------------------------------------------------------- promtool
if command -v promtool >/dev/null 2>&1; then
    run_check "promtool check config prometheus.yml (local stack)" \
        promtool check config "$here/prometheus.yml"
    run_check "promtool check config prometheus-compose.yml (compose stack)" \
        promtool check config "$here/prometheus-compose.yml"
    run_check "promtool check rules rules/fanout.yml" \
        promtool check rules "$here/rules/fanout.yml"
    run_check "promtool test rules rules/fanout.test.yml" \
        promtool test rules "$here/rules/fanout.test.yml"
else
    echo "promtool not installed: rule checks SKIPPED (apt-get install prometheus)"
    skipped=$((skipped + 4))
fi

# ---------------------------------------------------------------- dashboard
dashboard_json_valid() {
    need_python || return 1
    local f
    for f in "$here"/grafana/dashboards/*.json; do
        [ -e "$f" ] || { echo "no dashboard JSON in grafana/dashboards/"; return 1; }
        python3 -m json.tool "$f" >/dev/null || { echo "$f: invalid JSON"; return 1; }
    done
}
run_check "dashboard JSON is valid (python3 -m json.tool)" dashboard_json_valid

dashboard_panels() {
    need_python || return 1
    python3 - "$here"/grafana/dashboards/*.json <<'PY'
import json, sys

problems = []
for path in sys.argv[1:]:
    with open(path) as f:
        d = json.load(f)
    name = path.rsplit("/", 1)[-1]
    if not d.get("uid") or not d.get("title"):
        problems.append(f"{name}: dashboard needs a uid and a title")
    variables = {v.get("name"): v for v in d.get("templating", {}).get("list", [])}
    if "service" not in variables:
        problems.append(f"{name}: no `service` template variable")
    panels = []
    for p in d.get("panels", []):
        panels.append(p)
        panels.extend(p.get("panels", []))  # panels inside collapsed rows
    ids = [p.get("id") for p in panels]
    if len(ids) != len(set(ids)):
        problems.append(f"{name}: panel ids are not unique")
    count = 0
    for p in panels:
        if p.get("type") == "row":
            continue
        count += 1
        title = p.get("title") or f"panel id {p.get('id')}"
        if not p.get("title"):
            problems.append(f"{name}: panel id {p.get('id')} has no title")
        if not p.get("description"):
            problems.append(f"{name}: '{title}' has no description")
        if not p.get("datasource"):
            problems.append(f"{name}: '{title}' has no datasource")
        targets = [t for t in p.get("targets", []) if (t.get("expr") or "").strip()]
        if not targets:
            problems.append(f"{name}: '{title}' has no target with a query")
        for t in p.get("targets", []):
            if not t.get("datasource") and not p.get("datasource"):
                problems.append(f"{name}: '{title}' target {t.get('refId')} has no datasource")
        gp = p.get("gridPos") or {}
        if not all(k in gp for k in ("x", "y", "w", "h")):
            problems.append(f"{name}: '{title}' has no complete gridPos")
    if count == 0:
        problems.append(f"{name}: no panels")
    print(f"{name}: {count} panels")

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY
}
run_check "dashboard: every panel titled, described, with a datasource and a query" dashboard_panels

# every dashboard query, with Grafana's variables replaced, written as a recording rule that promtool parses
dashboard_promql() {
    need_python || return 1
    local tmp rc=0
    tmp="$(mktemp -d)"
    python3 - "$tmp/dashboard-queries.yml" "$here"/grafana/dashboards/*.json <<'PY' || rc=$?
import json, sys

out, paths = sys.argv[1], sys.argv[2:]
rules = []
for path in paths:
    d = json.load(open(path))
    panels = []
    for p in d.get("panels", []):
        panels.append(p)
        panels.extend(p.get("panels", []))
    for p in panels:
        for t in p.get("targets", []):
            expr = (t.get("expr") or "").strip()
            if not expr:
                continue
            for var, value in (("$__rate_interval", "1m"), ("$__interval", "15s"), ("$__range", "1h"),
                               ("${service}", ".+"), ("$service", ".+")):
                expr = expr.replace(var, value)
            rules.append((f"dashboard:panel_{p.get('id')}_{t.get('refId', 'X')}", expr))
with open(out, "w") as f:
    f.write("groups:\n  - name: dashboard-queries\n    rules:\n")
    for name, expr in rules:
        f.write(f"      - record: {name}\n        expr: {json.dumps(expr)}\n")
print(f"{len(rules)} queries")
PY
    if [ "$rc" -eq 0 ]; then
        promtool check rules "$tmp/dashboard-queries.yml" || rc=$?
    fi
    rm -rf "$tmp"
    return "$rc"
}
if command -v promtool >/dev/null 2>&1; then
    run_check "dashboard queries parse as PromQL (promtool)" dashboard_promql
else
    skipped=$((skipped + 1))
fi

# ---------------------------------------------------------------- rules: conventions and test coverage
rules_conventions() {
    need_python || return 1
    python3 - "$here/rules/fanout.yml" "$here/rules/fanout.test.yml" <<'PY'
import re, sys

rules_path, tests_path = sys.argv[1], sys.argv[2]
runbooks = {"consumer-lag", "dlq-growing", "outbox-backlog", "service-not-ready", "error-rate",
            "journey-latency", "redis-outage", "broker-restart"}
base = "https://github.com/fanout/fanout/blob/main/docs/runbooks/"

text = open(rules_path).read()
# split into one chunk per alerting rule (plain line scan: no YAML library needed)
chunks = re.split(r"(?m)^\s*- alert:\s*", text)[1:]
problems = []
alerts = []
for chunk in chunks:
    name = chunk.split()[0]
    alerts.append(name)
    for key in ("expr:", "severity:", "summary:", "description:", "runbook_url:"):
        if not re.search(rf"(?m)^\s*{key}", chunk):
            problems.append(f"{name}: no {key[:-1]}")
    sev = re.search(r"(?m)^\s*severity:\s*(\S+)", chunk)
    if sev and sev.group(1) not in ("critical", "warning"):
        problems.append(f"{name}: severity {sev.group(1)} is neither critical nor warning")
    url = re.search(r'(?m)^\s*runbook_url:\s*"?([^"\s]+)', chunk)
    if url:
        u = url.group(1)
        if not u.startswith(base) or u[len(base):].removesuffix(".md") not in runbooks or not u.endswith(".md"):
            problems.append(f"{name}: runbook_url {u} is not {base}<one of {sorted(runbooks)}>.md")
if not alerts:
    problems.append("no alerting rules found")
if len(alerts) != len(set(alerts)):
    problems.append("alert names are not unique")

# every alert has at least one test case where it fires (non-empty exp_alerts)
lines = open(tests_path).read().splitlines()
fires = set()
for i, line in enumerate(lines):
    m = re.match(r"^\s*alertname:\s*(\S+)", line)
    if not m:
        continue
    for nxt in lines[i + 1:i + 4]:
        e = re.match(r"^\s*exp_alerts:\s*(.*)$", nxt)
        if e:
            if e.group(1).strip() != "[]":
                fires.add(m.group(1))
            break
for a in alerts:
    if a not in fires:
        problems.append(f"{a}: no test case in {tests_path.rsplit('/', 1)[-1]} where it fires")
print(f"{len(alerts)} alerts, {len(fires & set(alerts))} with a firing test")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY
}
run_check "rules: severity, summary, description, runbook_url; every alert has a firing test" rules_conventions

# ---------------------------------------------------------------- what deploy/compose.yaml mounts
compose_files() {
    local ok=0
    [ -f "$here/prometheus-compose.yml" ] || { echo "missing prometheus-compose.yml"; ok=1; }
    [ -d "$here/grafana/provisioning" ] || { echo "missing grafana/provisioning/"; ok=1; }
    [ -d "$here/grafana/dashboards" ] || { echo "missing grafana/dashboards/"; ok=1; }
    grep -qs 'url: http://prometheus:9090' "$here"/grafana/provisioning/datasources/*.yml \
        || { echo "no datasource with url http://prometheus:9090 in grafana/provisioning/datasources/"; ok=1; }
    grep -qs 'path: /etc/grafana/dashboards' "$here"/grafana/provisioning/dashboards/*.yml \
        || { echo "no dashboard provider with path /etc/grafana/dashboards in grafana/provisioning/dashboards/"; ok=1; }
    return "$ok"
}
run_check "compose mounts: prometheus-compose.yml, grafana/provisioning/, grafana/dashboards/" compose_files

total=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
echo "observability checks took ${total}s"
# the closing line alone, as test runners' summaries are read
if [ "$skipped" -gt 0 ]; then
    echo "observability: $passed passed, $failed failed, $skipped skipped"
else
    echo "observability: $passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
