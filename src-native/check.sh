#!/usr/bin/env bash
# Offline checks of the container files, for machines without a container engine (like the project's own):
#   1. the shared IaC checker (../shared/tools/iac/iac-check.sh) on deploy/compose.yaml and every Dockerfile;
#   2. the rules that checker only WARNS about, as failures: every base image pinned (no :latest, no bare
#      name), the final stage not root, ENTRYPOINT in exec form; plus: the native and JVM service images
#      have a curl HEALTHCHECK and the micro one has none, no literal password in the compose file, the shared
#      native settings parse, the CI workflow is valid YAML.
# Usage (from anywhere): src-native/check.sh        Prints one line per check and "N passed, N failed".
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 1
iac="${IAC_CHECK:-$root/../shared/tools/iac/iac-check.sh}"
dockerfiles=(src-native/Dockerfile.native src-native/Dockerfile.native-micro src-native/Dockerfile.jvm src-native/Dockerfile.jvm-aot
             src-native/Dockerfile.ops)

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "PASS $1"; }
# shellcheck disable=SC2001
ko() { fail=$((fail + 1)); echo "FAIL $1"; [ -z "${2:-}" ] || echo "$2" | sed 's/^/    /'; }

# 1. the shared checker
if [ -x "$iac" ]; then
  if out="$(COMPOSE_FILES="deploy/compose.yaml" DOCKERFILES="${dockerfiles[*]}" DOCKER_CONTEXT=. "$iac" 2>&1)"; then
    ok "iac-check: $(echo "$out" | tail -n1)"
  else
    ko "iac-check" "$out"
  fi
else
  ko "iac-check" "not found at $iac (set IAC_CHECK)"
fi

# 2. stricter Dockerfile rules (awk over the instructions; line continuations joined first)
dockerfile_rules() { # file -> prints problems
  sed -e ':a' -e '/\\$/N; s/\\\n/ /; ta' "$1" | awk -v f="$1" '
    toupper($1) == "FROM" {
      img = $2; stage = ""
      for (i = 3; i <= NF; i++) if (toupper($i) == "AS") stage = tolower($(i + 1))
      if (!(tolower(img) in stages) && img !~ /\$/) {
        if (img !~ /@sha256:/ && img !~ /:[^\/]+$/) print f ": base image " img " has no tag"
        if (img ~ /:latest$/) print f ": base image " img " uses :latest"
      }
      if (stage != "") stages[stage] = 1
      user = ""; entry = ""; health = ""
    }
    toupper($1) == "USER" { user = $2 }
    toupper($1) == "ENTRYPOINT" { entry = $0 }
    toupper($1) == "HEALTHCHECK" { health = $0 }
    END {
      if (user == "" || user ~ /^(root|0)(:|$)/) print f ": final stage runs as root"
      if (entry !~ /^ENTRYPOINT[ \t]+\[/) print f ": final stage has no exec-form ENTRYPOINT"
      print "HEALTH " health
    }'
}
for f in "${dockerfiles[@]}"; do
  out="$(dockerfile_rules "$f")"
  problems="$(echo "$out" | grep -v '^HEALTH ' || true)"
  health="$(echo "$out" | sed -n 's/^HEALTH //p')"
  case "$f" in
    *native-micro) [ -z "$health" ] || problems="$problems"$'\n'"$f: the micro image has no curl, so no HEALTHCHECK" ;;
    *native|*jvm) [[ "$health" == *curl*"/q/health/live"* ]] || problems="$problems"$'\n'"$f: HEALTHCHECK must curl /q/health/live (ECS runs the same)" ;;
  esac
  problems="$(echo "$problems" | sed '/^$/d')"
  if [ -z "$problems" ]; then ok "strict $f"; else ko "strict $f" "$problems"; fi
done

# 3. no literal secrets in the compose file: every *PASSWORD* value must be a ${VARIABLE}
literal="$(grep -nE '^[[:space:]]*[A-Z_]*(PASSWORD|SECRET|TOKEN)[A-Z_]*:[[:space:]]*[^[:space:]$]' deploy/compose.yaml || true)"
if [ -z "$literal" ]; then ok "compose has no literal secrets"; else ko "compose has no literal secrets" "$literal"; fi

# 4. the shared native settings become Maven flags
if args="$(sh src-native/native-args.sh 2>&1)" && echo "$args" | grep -q '^-Dquarkus.native.enabled=true$'; then
  ok "native-args.sh ($(echo "$args" | wc -l | tr -d ' ') flags)"
else
  ko "native-args.sh" "$args"
fi

# 5. the workflow and compose files are YAML (GitHub's own parser runs in CI; this is the floor)
if command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' 2>/dev/null; then
  if out="$(python3 -c 'import sys, yaml
for f in sys.argv[1:]:
    yaml.safe_load(open(f))' .github/workflows/native.yml deploy/compose.yaml 2>&1)"; then
    ok "YAML .github/workflows/native.yml deploy/compose.yaml"
  else
    ko "YAML" "$out"
  fi
else
  echo "note: python3 with PyYAML not found, YAML parse skipped (the compose file was parsed by iac-check)"
fi

echo "src-native: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
