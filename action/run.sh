#!/usr/bin/env bash
# Runs virt-lint for the GitHub Action (action.yml). Every input comes from an
# environment variable, so the same script runs outside GitHub (.ci/run does):
#
#   INPUT_PATHS            files, directories or globs, separated by spaces or newlines (default: .)
#   INPUT_QEMU_VERSION     the VM host's QEMU version, e.g. 9.1.1 (default: none; rules that need it are skipped)
#   INPUT_LIBVIRT_VERSION  the VM host's libvirt version, e.g. 10.0.0 (default: none)
#   INPUT_DETECT           true: run the runner's qemu-system-<arch> --version when no QEMU version is given (default: false)
#   INPUT_FORMAT           the log's format: github (default), stylish, compact, json or sarif
#   INPUT_ARGS             more virt-lint arguments, separated by spaces (e.g. --max-warnings 0)
#   INPUT_UPLOAD_SARIF     true: also write SARIF to INPUT_SARIF_FILE, for the upload step (default: false)
#   INPUT_SARIF_FILE       where the SARIF goes (default: virt-lint.sarif)
#   VIRT_LINT              the virt-lint command (default: virt-lint on PATH)
#
# Globs are passed to virt-lint unexpanded (it expands them itself). Exits
# with virt-lint's exit code: 0 clean, 1 errors (or too many warnings), 2 a
# usage or I/O failure. With GITHUB_OUTPUT set, appends exit-code=N and, when
# written, sarif-file=PATH.
set -uo pipefail
set -f # no pathname expansion: globs in INPUT_PATHS are virt-lint's to expand

fail() { printf 'virt-lint action: %s\n' "$*" >&2; exit 2; }
output() { if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$1" >>"$GITHUB_OUTPUT"; fi; }
boolean() { # boolean NAME VALUE: true or false, anything else is a usage error
  case "$2" in true | false) echo "$2" ;; *) fail "input $1 must be true or false, not '$2'" ;; esac
}

virt_lint=${VIRT_LINT:-virt-lint}
format=${INPUT_FORMAT:-github}
detect=$(boolean detect "${INPUT_DETECT:-false}") || exit 2
upload_sarif=$(boolean upload-sarif "${INPUT_UPLOAD_SARIF:-false}") || exit 2
sarif_file=${INPUT_SARIF_FILE:-virt-lint.sarif}

read -r -d '' -a paths <<<"${INPUT_PATHS:-.}" || true
[ "${#paths[@]}" -gt 0 ] || paths=(.)
read -r -d '' -a extra <<<"${INPUT_ARGS:-}" || true

common=()
[ "$detect" = true ] || common+=(--no-detect)
[ -z "${INPUT_QEMU_VERSION:-}" ] || common+=(--qemu-version "$INPUT_QEMU_VERSION")
[ -z "${INPUT_LIBVIRT_VERSION:-}" ] || common+=(--libvirt-version "$INPUT_LIBVIRT_VERSION")
common+=("${extra[@]}")

run() {
  echo "+ virt-lint $*" >&2
  "$virt_lint" "$@"
}

if [ "$upload_sarif" = true ]; then
  rm -f -- "$sarif_file"
  mkdir -p -- "$(dirname -- "$sarif_file")"
  if [ "$format" = sarif ]; then
    # One run: the SARIF file is the report.
    run "${common[@]}" --format sarif --output-file "$sarif_file" -- "${paths[@]}"
    code=$?
  else
    # The SARIF file for code scanning, then the report for the log (and the exit code).
    run "${common[@]}" --format sarif --output-file "$sarif_file" -- "${paths[@]}"
    code=$?
    if [ "$code" -le 1 ]; then
      run "${common[@]}" --format "$format" -- "${paths[@]}"
      code=$?
    fi
  fi
  if [ -f "$sarif_file" ]; then output "sarif-file=$sarif_file"; fi
else
  run "${common[@]}" --format "$format" -- "${paths[@]}"
  code=$?
fi
output "exit-code=$code"
exit "$code"
