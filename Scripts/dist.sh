#!/usr/bin/env bash
# `make dist`: packs the release binary (Swift standard library linked statically) with README.md,
# LICENSE and CHANGELOG.md as dist/tracklint-VERSION-linux-ARCH.tar.gz, and its .sha256 beside it.
# VERSION is what the binary prints for --version. Prints the tarball's path.
# usage: dist.sh BINARY [OUTPUT_FOLDER]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$1
out=${2:-dist}
version=$("$binary" --version | awk '{print $2}')
name="tracklint-$version-linux-$(uname -m)"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

mkdir "$stage/$name"
install -m 755 -s "$binary" "$stage/$name/tracklint"
install -m 644 README.md LICENSE CHANGELOG.md "$stage/$name/"
mkdir -p "$out"
# The same sources give the same bytes: fixed owner, order and time (the last commit's).
stamp=$(git log -1 --format=%ct 2>/dev/null || echo 0)
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$stamp" -C "$stage" -cf - "$name" \
    | gzip -n > "$out/$name.tar.gz"
(cd "$out" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
echo "$out/$name.tar.gz"
