#!/usr/bin/env bash
# Installs virt-lint for the GitHub Action (action.yml) as a user would
# install a release: `npm pack` in the action's own checkout, then
# `npm install -g` of that tarball into a private prefix. The tarball has no
# runtime dependencies, so that install fetches nothing.
#
# Environment (all optional):
#   ACTION_PATH   the checkout to pack (default: this script's repository)
#   RUNNER_TEMP   where the tarball and the prefix go (default: a new temporary directory)
#   GITHUB_OUTPUT when set, `command=<path of the installed virt-lint>` is appended to it
# Prints the path of the installed `virt-lint` on stdout; npm's output goes to stderr.
set -euo pipefail

ACTION_PATH=${ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}
TEMP=${RUNNER_TEMP:-$(mktemp -d)}
PREFIX=$(mktemp -d "$TEMP/virt-lint-action.XXXXXX")
npm_quiet=(--no-audit --no-fund --loglevel=error)

cd "$ACTION_PATH"
if [ ! -d node_modules/esbuild ]; then
  # The build tools only (devDependencies, from the lockfile); `npm pack`
  # builds below, so no script needs to run here.
  npm ci --ignore-scripts "${npm_quiet[@]}" >&2
fi
tarball=$(npm pack --silent --pack-destination "$PREFIX")
npm install --global --prefix "$PREFIX" "${npm_quiet[@]}" "$PREFIX/$tarball" >&2

command="$PREFIX/bin/virt-lint"
"$command" --version >&2
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "command=$command" >>"$GITHUB_OUTPUT"
fi
echo "$command"
