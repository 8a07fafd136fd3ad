#!/usr/bin/env bash
# Measures every service's launch-to-ready time and RSS after start for fast-jar (JDK 17), AppCDS (JDK 17) and the
# Leyden AOT cache (JDK 25), plus the AOT and fast-jar builds under the 512 MB Fargate flags, and AOT under those
# flags with C1 only (-XX:TieredStopAtLevel=1: the trade docs/startup.md weighs). Writes the table that
# docs/startup.md shows (.fanout/startup/results.md and .csv) and prints it.
#
#   src-native/measure-startup.sh [--build] [--runs N] [--services a,b] [--variants a,b] [--try NAME=FLAGS]... [--no-lock]
#
#   --build     build the three variants first (offline Maven, in this checkout): fast-jar and AppCDS are copied to
#               .fanout/startup/apps/<variant>/<service> with `cp -a` (CDS archives are rejected when jar timestamps
#               change); the AOT build is built last and measured where it was trained, in
#               services/<service>/target/quarkus-app (an AOT cache does not survive moving the app: see
#               docs/startup.md), so target/ holds the AOT build afterwards (`./mvnw -o package` puts fast-jar back).
#               Without --build the copies and target/ from the last --build are used.
#   --runs N    timed runs per service and variant (default 5); medians are reported
#   --variants  which of fast-jar, appcds, aot, fast-jar+fargate, aot+fargate, aot+fargate+c1 to time (default: all)
#   --try NAME=FLAGS   also time the AOT build under the Fargate flags plus FLAGS, as variant aot+fargate+NAME
#               (repeatable), e.g. --try reloc0='-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0'
#   --out FILE  where the table goes (default .fanout/startup/results.md; the .csv of every run goes next to it)
#   --no-lock   do not take /tmp/fanout-heavy.lock (only on a machine nobody else benchmarks on)
#
# The services run against the `startup` stack (Kafka 29092, database fanout_startup, Redis db 5, services on
# 28080-28084): started here (fresh) if it is not running, and stopped again if this script started it. The timing
# itself runs under `flock /tmp/fanout-heavy.lock`, so it never overlaps another heavy job on a shared machine.
# Needs JDK 17 (the default `java`) and JDK 25 (JDK25_HOME, default /usr/lib/jvm/temurin-25-jdk-amd64).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

JDK17_HOME=${JDK17_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
JDK25_HOME=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
SERVICES=(order-service billing-service fulfilment-service notification-service analytics-service)
APPS=.fanout/startup/apps
RUNS=5
BUILD=0
LOCK=1
SERVICE_LIST=$(IFS=,; echo "${SERVICES[*]}")
VARIANT_LIST=fast-jar,appcds,aot,fast-jar+fargate,aot+fargate,aot+fargate+c1
TRIES=()
OUT=.fanout/startup/results.md

# The JVM flags of a 512 MB Fargate task (src-native/Dockerfile.jvm's JDK_JAVA_OPTIONS). MaxRAM=512m and
# ActiveProcessorCount=1 make the JVM size itself as it would inside that task (on Fargate the cgroup limits tell
# it); they do not cap this machine's CPU time, see docs/startup.md.
FARGATE_FLAGS="-XX:MaxRAMPercentage=60 -XX:InitialRAMPercentage=10 -XX:+UseSerialGC"
FARGATE_EMULATION="-XX:MaxRAM=512m -XX:ActiveProcessorCount=1"

while [ $# -gt 0 ]; do
    case "$1" in
        --build) BUILD=1 ;;
        --runs) RUNS=$2; shift ;;
        --services) SERVICE_LIST=$2; shift ;;
        --variants) VARIANT_LIST=$2; shift ;;
        --out) OUT=$2; shift ;;
        --try) [[ "$2" == *=* ]] || { echo "measure-startup: --try NAME=FLAGS" >&2; exit 2; }; TRIES+=("$2"); shift ;;
        --no-lock) LOCK=0 ;;
        -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "measure-startup: unknown argument $1 (--help)" >&2; exit 2 ;;
    esac
    shift
done
IFS=, read -r -a SELECTED <<<"$SERVICE_LIST"
wants() { [[ ",$VARIANT_LIST," == *",$1,"* ]]; }

[ -x "$JDK25_HOME/bin/java" ] || { echo "measure-startup: no JDK 25 at $JDK25_HOME (set JDK25_HOME)" >&2; exit 1; }
"$JDK17_HOME/bin/java" -version 2>&1 | grep -q '"17' || { echo "measure-startup: $JDK17_HOME is not a JDK 17 (set JDK17_HOME)" >&2; exit 1; }

modules() { local m=(tools/devstack tools/kafka-broker); for s in "${SELECTED[@]}"; do m+=("services/$s"); done; (IFS=,; echo "${m[*]}"); }

copy_apps() { # variant
    for s in "${SELECTED[@]}"; do
        rm -rf "${APPS:?}/$1/$s"
        mkdir -p "$APPS/$1"
        cp -a "services/$s/target/quarkus-app" "$APPS/$1/$s"
    done
}

devstack() {
    java -cp "tools/devstack/target/devstack.jar:$(cat tools/devstack/target/classpath.txt)" dev.fanout.devstack.Devstack "$@"
}

STARTED_STACK=0
cleanup() {
    if [ "$STARTED_STACK" = 1 ]; then devstack infra down --profile startup || true; fi
}
trap cleanup EXIT

STACK_READY=0
stack_up() {
    [ "$STACK_READY" = 0 ] || return 0
    STACK_READY=1
    if ! devstack status --profile startup | grep -q '^  kafka .*running'; then
        STARTED_STACK=1
    fi
    devstack infra up --profile startup $([ "$STARTED_STACK" = 1 ] && echo --fresh)
}

if [ "$BUILD" = 1 ]; then
    echo "== fast-jar (JDK 17)"
    ./mvnw -o -B -q package -DskipTests -pl "$(modules)" -am
    copy_apps fast-jar
    echo "== AppCDS (JDK 17, -Pappcds)"
    ./mvnw -o -B -q package -Pappcds -DskipTests -pl "$(modules)" -am
    for s in "${SELECTED[@]}"; do
        [ -f "services/$s/target/quarkus-app/app-cds.jsa" ] || { echo "no app-cds.jsa for $s" >&2; exit 1; }
    done
    copy_apps appcds
    echo "== AOT cache (JDK 25, -Paot verify: the *StartupIT trains it on the startup stack)"
    stack_up
    JAVA_HOME="$JDK25_HOME" ./mvnw -o -B -q verify -Paot -pl "$(modules)" -am
    for s in "${SELECTED[@]}"; do
        [ -f "services/$s/target/quarkus-app/app.aot" ] || { echo "no app.aot for $s" >&2; exit 1; }
    done
fi
for s in "${SELECTED[@]}"; do
    { ! wants fast-jar && ! wants fast-jar+fargate || [ -f "$APPS/fast-jar/$s/quarkus-run.jar" ]; } \
        && { ! wants appcds || [ -f "$APPS/appcds/$s/app-cds.jsa" ]; } \
        && [ -f "services/$s/target/quarkus-app/app.aot" ] \
        || { echo "measure-startup: $s: a variant is not built (run with --build)" >&2; exit 1; }
done

stack_up
AOT_APP='services/{service}/target/quarkus-app'
declare -A VARIANTS=(
    [fast-jar]="fast-jar|$JDK17_HOME|fast-jar|"
    [appcds]="appcds|$JDK17_HOME|appcds|-XX:SharedArchiveFile={app}/app-cds.jsa"
    [aot]="aot|$JDK25_HOME|$AOT_APP|-XX:AOTCache={app}/app.aot"
    [fast-jar+fargate]="fast-jar+fargate|$JDK17_HOME|fast-jar|$FARGATE_FLAGS $FARGATE_EMULATION"
    [aot+fargate]="aot+fargate|$JDK25_HOME|$AOT_APP|-XX:AOTCache={app}/app.aot $FARGATE_FLAGS $FARGATE_EMULATION"
    [aot+fargate+c1]="aot+fargate+c1|$JDK25_HOME|$AOT_APP|-XX:AOTCache={app}/app.aot $FARGATE_FLAGS $FARGATE_EMULATION -XX:TieredStopAtLevel=1"
)
measure=("$JDK17_HOME/bin/java" src-native/MeasureStartup.java --apps "$APPS" --runs "$RUNS" --services "$SERVICE_LIST"
    --out "$OUT")
IFS=, read -r -a WANTED <<<"$VARIANT_LIST"
for v in "${WANTED[@]}"; do
    [ -n "${VARIANTS[$v]:-}" ] || { echo "measure-startup: no variant $v" >&2; exit 2; }
    measure+=(--variant "${VARIANTS[$v]}")
done
for t in "${TRIES[@]}"; do
    measure+=(--variant "aot+fargate+${t%%=*}|$JDK25_HOME|$AOT_APP|-XX:AOTCache={app}/app.aot $FARGATE_FLAGS $FARGATE_EMULATION ${t#*=}")
done
echo "== timing (${RUNS} runs per service and variant)"
if [ "$LOCK" = 1 ]; then
    flock /tmp/fanout-heavy.lock "${measure[@]}"
else
    "${measure[@]}"
fi
