#!/usr/bin/env bash
# The GitHub Action's steps (action.yml), also usable on any Debian/Ubuntu CI: installs tracklint
# from a release tarball (a path or a URL) or, with none, builds it from source, then runs `check`.
# Inputs come as environment variables, so that no input is ever pasted into shell code:
#   TRACKLINT_TARBALL   release tarball path or URL; empty: build from TRACKLINT_SOURCE
#   TRACKLINT_SHA256    the tarball's expected SHA-256 (optional)
#   TRACKLINT_SOURCE    the checkout to build from (default: the one holding this script)
#   TRACKLINT_PATHS     files and folders, separated by white space (default: .)
#   TRACKLINT_FORMAT, TRACKLINT_OUTPUT, TRACKLINT_FAIL_ON, TRACKLINT_CATEGORY: --format, --output,
#                       --fail-on, --sarif-category, each passed only when set
#   TRACKLINT_ARGS      more arguments for `check`, separated by white space
# tracklint is installed in $RUNNER_TEMP/tracklint (or a temporary folder) and added to $GITHUB_PATH
# when set; `exit-code` is written to $GITHUB_OUTPUT when set. Exits with tracklint's exit code.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
source_dir=${TRACKLINT_SOURCE:-$here}
install_dir=${RUNNER_TEMP:-$(mktemp -d)}/tracklint
sudo=$([ "$(id -u)" = 0 ] || echo sudo)

apt_install() {
    $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

install_from_tarball() {
    local tarball=$TRACKLINT_TARBALL download
    if [[ $tarball == *://* ]]; then
        download="$install_dir/$(basename "$tarball")"
        echo "tracklint: downloading $tarball"
        curl --fail --silent --show-error --location --output "$download" "$tarball"
        tarball=$download
    fi
    if [ -n "${TRACKLINT_SHA256:-}" ] && ! sha256sum --quiet -c <<<"$TRACKLINT_SHA256  $tarball"; then
        echo "tracklint: $tarball does not match the SHA-256 $TRACKLINT_SHA256" >&2
        exit 2
    fi
    # The binary's only libraries besides the C/C++ runtime: libxml2.
    ldconfig -p | grep -q 'libxml2\.so\.2 ' || apt_install libxml2
    tar -xzf "$tarball" -C "$install_dir" --strip-components=1 --wildcards '*/tracklint'
}

build_from_source() {
    echo "tracklint: building from source in $source_dir"
    make -C "$source_dir" --no-print-directory build
    install -m 755 "$source_dir/.build/release/tracklint" "$install_dir/tracklint"
}

mkdir -p "$install_dir"
if [ -n "${TRACKLINT_TARBALL:-}" ]; then install_from_tarball; else build_from_source; fi
[ -n "${GITHUB_PATH:-}" ] && echo "$install_dir" >> "$GITHUB_PATH"
"$install_dir/tracklint" --version

set -f  # paths and arguments are split on white space, never expanded as globs
arguments=(check)
[ -n "${TRACKLINT_FORMAT:-}" ] && arguments+=(--format "$TRACKLINT_FORMAT")
[ -n "${TRACKLINT_OUTPUT:-}" ] && arguments+=(--output "$TRACKLINT_OUTPUT")
[ -n "${TRACKLINT_FAIL_ON:-}" ] && arguments+=(--fail-on "$TRACKLINT_FAIL_ON")
[ -n "${TRACKLINT_CATEGORY:-}" ] && arguments+=(--sarif-category "$TRACKLINT_CATEGORY")
arguments+=(${TRACKLINT_ARGS:-} ${TRACKLINT_PATHS:-.})
status=0
"$install_dir/tracklint" "${arguments[@]}" || status=$?
[ -n "${GITHUB_OUTPUT:-}" ] && echo "exit-code=$status" >> "$GITHUB_OUTPUT"
exit "$status"
