#!/usr/bin/env bash
# The release tarball runs without a Swift toolchain: it holds exactly the binary, README.md,
# LICENSE and CHANGELOG.md and matches its .sha256; the binary needs no library but libxml2 and the
# C/C++ runtime and names no toolchain path; and with the toolchain's folder hidden under an empty
# tmpfs in a mount namespace (RUNPATH ignores the environment, so only this proves it) it lints
# Fixtures/demo exactly as Fixtures/demo/*.expected say. A control run of DYNAMIC_BINARY (a build
# linked to the toolchain's libraries) in the same namespace must fail, or the hiding proves nothing.
# usage: check_dist.sh TARBALL DYNAMIC_BINARY
set -uo pipefail  # not -e: every check runs and reports
cd "$(dirname "$0")/../.."
tarball=$(realpath "$1")
dynamic=$(realpath "$2")
failures=0
check() {  # check CONDITION_STATUS WHAT
    if [ "$1" = 0 ]; then echo "  ok    $2"; else echo "  FAIL  $2"; failures=$((failures + 1)); fi
}

name=$(basename "$tarball" .tar.gz)
(cd "$(dirname "$tarball")" && sha256sum --quiet -c "$name.tar.gz.sha256")
check $? "$name.tar.gz matches its .sha256"
listed=$(tar -tzf "$tarball" | sort | tr '\n' ' ')
expected="$name/ $name/CHANGELOG.md $name/LICENSE $name/README.md $name/tracklint "
[ "$listed" = "$expected" ]; check $? "the tarball holds the binary, README.md, LICENSE and CHANGELOG.md ($listed)"

unpacked=$(mktemp -d)
trap 'rm -rf "$unpacked"' EXIT
tar -xzf "$tarball" -C "$unpacked" || exit 1
binary="$unpacked/$name/tracklint"
version=$("$binary" --version | awk '{print $2}')
[ "$name" = "tracklint-$version-linux-$(uname -m)" ]; check $? "the tarball is named after the version the binary prints ($version)"

# The toolchain's root: /opt/swift for /opt/swift/usr/bin/swift. A toolchain installed in /usr
# cannot be hidden whole, so then its Swift runtime folder is.
toolchain=$(dirname "$(dirname "$(dirname "$(command -v swift)")")")
[ "$toolchain" = / ] && toolchain=/usr/lib/swift
dynamic_section=$(readelf -d "$binary")
needed=$(sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' <<<"$dynamic_section" | sort | tr '\n' ' ')
allowed="ld-linux-x86-64.so.2 libc.so.6 libgcc_s.so.1 libm.so.6 libstdc++.so.6 libxml2.so.2 "
[ "$needed" = "$allowed" ]; check $? "the binary needs only libxml2 and the C/C++ runtime ($needed)"
paths=$(grep -E 'RPATH|RUNPATH' <<<"$dynamic_section" || true)
! grep -qE "$toolchain|swift" <<<"$dynamic_section"
check $? "readelf -d names no toolchain path (${paths:-no RPATH or RUNPATH}; toolchain in $toolchain)"

# Inside the namespace: the control, then each demo file against its .expected, then the folder.
hidden_run() {
    local as_root=()
    [ "$(id -u)" = 0 ] || as_root=(--map-root-user)
    unshare --mount "${as_root[@]}" sh -c 'mount -t tmpfs tmpfs "$0" && exec "$@"' "$toolchain" "$@"
}
hidden_run "$dynamic" --version > /dev/null 2>&1
control=$?
[ "$control" != 0 ]; check $? "control: the toolchain-linked build cannot start with $toolchain hidden (exit $control)"
for input in Fixtures/demo/*.html; do
    transcript=$(hidden_run "$binary" check --color never "$input"; echo "[exit $?]")
    [ "$transcript" = "$(cat "$input.expected")" ]; check $? "with $toolchain hidden, the tarball's binary lints $input as $input.expected says"
done
hidden_run "$binary" check --quiet Fixtures/demo > /dev/null
status=$?
[ "$status" = 1 ]; check $? "with $toolchain hidden, linting Fixtures/demo exits 1 (exit $status)"

if [ "$failures" != 0 ]; then echo "check_dist: $failures check(s) failed" >&2; exit 1; fi
echo "check_dist: $name runs without the Swift toolchain"
