#!/usr/bin/env bash
# `make fuzz`: builds each libFuzzer target in Fuzz/ against the library (address sanitizer on),
# seeds it with every input in Fixtures/, and runs it for FUZZ_SECONDS (default 60) each.
# A crash leaves its input as .build/fuzz/<target>-crash-*; make it a fixture and fix it.
# `fuzz.sh --typecheck` (run by `make test`, after the debug build) only type-checks the targets
# against the library, so that a change to the library cannot leave them unbuildable.
set -euo pipefail
cd "$(dirname "$0")/.."
libxml=$(pkg-config --cflags libxml-2.0 | sed 's/-I/-Xcc -I/g')
if [ "${1:-}" = --typecheck ]; then
    for target in Fuzz/*.swift; do
        swiftc -typecheck -parse-as-library -package-name tracklint -I .build/debug/Modules -I Sources/CLibXML2 $libxml "$target"
    done
    echo "fuzz: every target in Fuzz/ type-checks against the library"
    exit 0
fi
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-"MessageFuzz URLFuzz CheckFuzz ServerFuzz"}
out=.build/fuzz
# A Swift runtime trap is the crash to report; Swift's own backtracer would only add a sanitizer
# report about itself.
export SWIFT_BACKTRACE=enable=no
mkdir -p "$out/seeds"
flags=(-sanitize=fuzzer,address -O -parse-as-library -I "$out" -I Sources/CLibXML2 $libxml)

echo "fuzz: building the library's layers with the fuzzer and address sanitizer..."
: > "$out/build.log"
libraries=()
for module in TrackLintParsing TrackLintPlatforms TrackLint TrackLintReporters TrackLintServer; do
    swiftc "${flags[@]}" -enable-testing -module-name "$module" -package-name tracklint -emit-library -static \
        -emit-module -emit-module-path "$out/$module.swiftmodule" -o "$out/lib$module.a" \
        $(find "Sources/$module" -name '*.swift') 2>> "$out/build.log" || { cat "$out/build.log"; exit 1; }
    libraries=("-l$module" "${libraries[@]}")
done

# Seeds: our fixtures (HTML, messages, mbox), and for the URL target the hrefs in them.
find Fixtures -type f ! -name '*.expected' ! -name '*.args' -size -256k -exec cp {} "$out/seeds/" \;
mkdir -p "$out/url-seeds"
grep -rhoE 'href="[^"]{1,300}"' Fixtures | sed -e 's/^href="//' -e 's/"$//' | sort -u | split -l 1 - "$out/url-seeds/href-"

status=0
for target in $targets; do
    swiftc "${flags[@]}" "Fuzz/$target.swift" -package-name tracklint -L "$out" "${libraries[@]}" -lxml2 -o "$out/$target" 2>> "$out/build.log" \
        || { cat "$out/build.log"; exit 1; }
    seeds="$out/seeds"
    [ "$target" = URLFuzz ] && seeds="$out/url-seeds"
    mkdir -p "$out/corpus-$target"
    echo "fuzz: $target for ${seconds} s"
    if "$out/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$out/$target-" "$out/corpus-$target" "$seeds" > "$out/$target.log" 2>&1; then
        echo "  $(grep -E '^stat::number_of_executed_units' "$out/$target.log" | sed 's/.*: *//') executions," \
             "$(ls "$out/corpus-$target" | wc -l) inputs in its corpus, no crash"
    else
        status=1
        echo "  CRASH: $(grep -E 'Fatal error|ERROR|Test unit written' "$out/$target.log" | head -3)"
    fi
done
exit $status
