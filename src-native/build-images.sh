#!/usr/bin/env bash
# Builds Fanout's container images: the five services (native or JVM) and the ops CLI.
# Run from anywhere; the build context is the repository root. See src-native/README.md.
set -euo pipefail

ALL_SERVICES=(order-service billing-service fulfilment-service notification-service analytics-service)

usage() {
  cat <<'EOF'
usage: src-native/build-images.sh [MODE] [options] [SERVICE...]

Builds fanout/<service>:<version>-<mode> for each service and fanout/fanout-ops:<version>, and moves the
local tags fanout/<service>:latest-<mode> and fanout/fanout-ops:latest to them (what deploy/compose.yaml runs).

MODE (default: native)
  native         Mandrel native executable on UBI 9 minimal (has curl: ECS and compose health checks work)
  native-micro   native executable on the UBI 9 Quarkus micro image (no curl: set container_health_check =
                 false for the service in Terraform; compose cannot health-check it)
  jvm            Quarkus fast-jar on Temurin 21 JRE
  jvm-aot        fast-jar with a JDK 25 AOT cache trained in the image (Temurin 25; faster start, see
                 docs/startup.md)

options
  --version V        image version (default: `git describe --tags --always --dirty`, else "dev")
  --push REGISTRY    after building, tag and push REGISTRY/<service>:<tag> and REGISTRY/fanout-ops:<version>,
                     e.g. 123456789012.dkr.ecr.eu-west-2.amazonaws.com (log in first:
                     aws ecr get-login-password | docker login --username AWS --password-stdin REGISTRY).
                     <tag> is <version> for the native mode (what Terraform's images.auto.tfvars names) and
                     <version>-<mode> otherwise. ECR tags are immutable: a version is pushed once.
  --no-ops           do not build the ops image
  --ops-only         build only the ops image
  --native-xmx SIZE  heap for native-image (default 6g; needs that much free memory plus ~2 GB)
  -h, --help         this text

SERVICE...   a subset of: order-service billing-service fulfilment-service notification-service analytics-service
             (default: all five; those not in this checkout yet are skipped with a note)

environment
  CONTAINER_TOOL     docker or podman (default: docker if its engine answers, else podman)
  BUILD_FLAGS        extra flags for `<tool> build`, word-split (e.g. "--pull --progress=plain")

examples
  src-native/build-images.sh jvm
  src-native/build-images.sh native order-service
  src-native/build-images.sh --version 0.1.0 --push 123456789012.dkr.ecr.eu-west-2.amazonaws.com
EOF
}

die() { echo "build-images: $*" >&2; exit 1; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

mode=native
version=""
registry=""
build_ops=true
build_services=true
native_xmx=6g
services=()
while [ $# -gt 0 ]; do
  case "$1" in
    native|native-micro|jvm|jvm-aot) mode="$1" ;;
    --version) [ $# -ge 2 ] || die "--version needs a value"; version="$2"; shift ;;
    --version=*) version="${1#*=}" ;;
    --push) [ $# -ge 2 ] || die "--push needs a registry"; registry="${2%/}"; shift ;;
    --push=*) registry="${1#*=}"; registry="${registry%/}" ;;
    --no-ops) build_ops=false ;;
    --ops-only) build_services=false ;;
    --native-xmx) [ $# -ge 2 ] || die "--native-xmx needs a size"; native_xmx="$2"; shift ;;
    --native-xmx=*) native_xmx="${1#*=}" ;;
    -h|--help) usage; exit 0 ;;
    -*) usage >&2; die "unknown option: $1" ;;
    *)
      known=false
      for s in "${ALL_SERVICES[@]}"; do [ "$1" = "$s" ] && known=true; done
      $known || { usage >&2; die "unknown mode or service: $1"; }
      services+=("$1")
      ;;
  esac
  shift
done

# ---- a container engine, or a clear no ----
engine_answers() { "$1" info >/dev/null 2>&1; }
if [ -n "${CONTAINER_TOOL:-}" ]; then
  tool="$CONTAINER_TOOL"
  case "$tool" in docker|podman) ;; *) die "CONTAINER_TOOL must be docker or podman, not '$tool'" ;; esac
  command -v "$tool" >/dev/null 2>&1 || die "CONTAINER_TOOL=$tool, but there is no '$tool' command on this machine"
  engine_answers "$tool" || die "'$tool' is installed but its engine does not answer ('$tool info' fails). Start it, or build on a machine with Docker or Podman (CI: .github/workflows/native.yml)."
else
  tool=""
  for t in docker podman; do
    if command -v "$t" >/dev/null 2>&1 && engine_answers "$t"; then tool="$t"; break; fi
  done
  if [ -z "$tool" ]; then
    found=""
    for t in docker podman; do command -v "$t" >/dev/null 2>&1 && found="$found $t"; done
    if [ -n "$found" ]; then
      die "no container engine answers (found the client${found}, but '<tool> info' fails: is the daemon running?). Images need Docker or Podman; on a machine without one, CI builds them (.github/workflows/native.yml)."
    fi
    die "no container engine: neither docker nor podman is installed. Images need one of them; on a machine without one, CI builds them (.github/workflows/native.yml)."
  fi
fi

# ---- what to build ----
if [ -z "$version" ]; then
  version="$(git -C "$root" describe --tags --always --dirty 2>/dev/null || echo dev)"
fi
[[ "$version" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,100}$ ]] || die "'$version' is not a valid image tag"
if [ -n "$registry" ] && [[ "$version" == *-dirty ]]; then
  die "refusing to push '$version': the work tree has uncommitted changes, and ECR tags are immutable. Commit, or pass --version."
fi

if $build_services; then
  if [ ${#services[@]} -eq 0 ]; then
    for s in "${ALL_SERVICES[@]}"; do
      if [ -f "$root/services/$s/pom.xml" ]; then services+=("$s")
      else echo "build-images: note: services/$s is not in this checkout yet, skipped"; fi
    done
  else
    for s in ${services[@]+"${services[@]}"}; do
      [ -f "$root/services/$s/pom.xml" ] || die "services/$s/pom.xml does not exist in this checkout"
    done
  fi
else
  services=()
fi

build_flags=()
if [ -n "${BUILD_FLAGS:-}" ]; then read -r -a build_flags <<<"$BUILD_FLAGS"; fi
# BuildKit: the Dockerfiles use a cache mount and COPY --chmod (Docker 23+ uses it by default).
export DOCKER_BUILDKIT=1

built=()
build() { # image-ref dockerfile [build-arg...]
  local ref="$1" dockerfile="$2"; shift 2
  local args=()
  for a in "$@"; do args+=(--build-arg "$a"); done
  echo "==> $tool build $ref ($dockerfile)"
  local t0=$SECONDS
  "$tool" build ${build_flags[@]+"${build_flags[@]}"} -f "$root/$dockerfile" ${args[@]+"${args[@]}"} -t "$ref" "$root"
  echo "==> built $ref in $((SECONDS - t0)) s"
  built+=("$ref")
}

push() { # local-ref remote-ref
  "$tool" tag "$1" "$2"
  echo "==> $tool push $2"
  "$tool" push "$2"
}

dockerfile="src-native/Dockerfile.$mode"
for s in ${services[@]+"${services[@]}"}; do
  ref="fanout/$s:$version-$mode"
  if [ "$mode" = jvm ] || [ "$mode" = jvm-aot ]; then build "$ref" "$dockerfile" "SERVICE=$s"
  else build "$ref" "$dockerfile" "SERVICE=$s" "NATIVE_IMAGE_XMX=$native_xmx"; fi
  "$tool" tag "$ref" "fanout/$s:latest-$mode"
done
if $build_ops; then
  build "fanout/fanout-ops:$version" src-native/Dockerfile.ops
  "$tool" tag "fanout/fanout-ops:$version" fanout/fanout-ops:latest
fi

if [ -n "$registry" ]; then
  for s in ${services[@]+"${services[@]}"}; do
    if [ "$mode" = native ]; then tag="$version"; else tag="$version-$mode"; fi
    push "fanout/$s:$version-$mode" "$registry/$s:$tag"
  done
  if $build_ops; then push "fanout/fanout-ops:$version" "$registry/fanout-ops:$version"; fi
fi

echo "build-images: done (${#built[@]} image(s), $tool, mode $mode, version $version)"
for r in ${built[@]+"${built[@]}"}; do echo "  $r"; done
if [ ${#built[@]} -gt 0 ]; then
  echo "run them: FANOUT_IMAGE_MODE=$mode FANOUT_VERSION=$version $tool compose -f deploy/compose.yaml --env-file deploy/.env up"
fi
