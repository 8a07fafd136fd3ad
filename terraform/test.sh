#!/usr/bin/env bash
# Every Terraform check, offline: formatting of the whole tree, then for each root
# (both environments, the state bootstrap) and each module: init -backend=false,
# validate, `terraform test` where a tests/ folder exists, the ECS task definitions
# that the tests render, and the static reference check.
#
# It delegates to the shared offline IaC checker (../shared/tools/iac), which serves
# the AWS provider schema from a local stub, so no registry or AWS access is needed.
# Terraform's working data goes to temporary folders (TF_DATA_DIR), not the tree.
#
# usage: terraform/test.sh            (from anywhere)
#        IAC_CHECK=/path/to/iac-check.sh terraform/test.sh
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
iac_check="${IAC_CHECK:-$repo/../shared/tools/iac/iac-check.sh}"

if [ ! -x "$iac_check" ] && [ ! -f "$iac_check" ]; then
  echo "terraform/test.sh: offline checker not found at $iac_check (set IAC_CHECK)" >&2
  exit 2
fi
cd "$repo"
export TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1

if command -v terraform >/dev/null; then
  echo "terraform fmt -check -recursive terraform"
  terraform fmt -check -recursive -diff terraform
else
  # The checker then falls back to its static HCL checks (no validate, no tests).
  echo "terraform/test.sh: no terraform binary on PATH; static checks only" >&2
fi

roots=(terraform/envs/dev terraform/envs/prod terraform/bootstrap terraform/stack)
for m in terraform/modules/*/; do roots+=("${m%/}"); done

bash "$iac_check" "${roots[@]}"
