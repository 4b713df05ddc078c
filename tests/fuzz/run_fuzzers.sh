#!/usr/bin/env bash
# Builds every tests/fuzz/*_fuzz.cpp as a libFuzzer binary (with AddressSanitizer and
# UndefinedBehaviorSanitizer) and runs each for SECONDS, seeded with the payloads of tests/data.
# Fails when a target does not build or finds a crash, a leak, an abort or undefined behaviour;
# the reproducer is left in BUILD_DIR/artifacts/.
# Usage: tests/fuzz/run_fuzzers.sh SRC_DIR BUILD_DIR [SECONDS]
set -euo pipefail

src=$(cd "${1:?usage: run_fuzzers.sh SRC_DIR BUILD_DIR [SECONDS]}" && pwd)
build=${2:?usage: run_fuzzers.sh SRC_DIR BUILD_DIR [SECONDS]}
seconds=${3:-5}
jobs=$(nproc 2> /dev/null || echo 2)
mkdir -p "$build"
build=$(cd "$build" && pwd)

# The target name (tests/fuzz/<name>_fuzz.cpp) and the tests/data folders that seed it.
declare -A seeds=(
  [whatsapp]="whatsapp signature"
  [messenger]="messenger signature"
  [instagram]="instagram"
  [handshake]="handshake"
  [response]="responses"
  [media]="responses"
  [text_split]="requests"
  [multipart]="multipart"
  [llm]="llm"
  [xlsx]="xlsx"
)
# The library sources the targets need: the channels module and what it uses of core and base,
# the http module's multipart/form-data parser, the llm brain's reading of answers, and the
# catalog's reading of Excel workbooks (with libzip and expat).
mapfile -t library < <(find "$src/src/channels" -name '*.cpp' | sort)
library+=("$src/src/core/enums.cpp" "$src/src/core/media.cpp" "$src/src/base/result.cpp"
  "$src/src/base/time.cpp" "$src/src/base/strings.cpp" "$src/src/http/multipart.cpp"
  "$src/src/http/parameters.cpp"
  "$src/src/http/request.cpp" "$src/src/brain/llm/completion.cpp" "$src/src/brain/llm/failure.cpp"
  "$src/src/spreadsheet/xlsx_reader.cpp")

cxx=(clang++)
if command -v ccache > /dev/null; then cxx=(ccache clang++); fi
common=(-std=c++20 -O1 -g -I "$src/src" -fno-sanitize-recover=all)

# Runs "$@" in the background, at most $jobs at a time; `finish` waits for the rest. Any failure
# is remembered in $failed.
pids=()
failed=0
spawn() {
  if [ "${#pids[@]}" -ge "$jobs" ]; then
    wait "${pids[0]}" || failed=1
    pids=("${pids[@]:1}")
  fi
  "$@" &
  pids+=($!)
}
finish() {
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  pids=()
}

# Library objects once, instrumented for coverage but without libFuzzer's main.
mkdir -p "$build/obj" "$build/bin" "$build/corpus" "$build/artifacts" "$build/logs"
objects=()
for source in "${library[@]}"; do
  rel=${source#"$src"/src/}
  object="$build/obj/${rel//\//_}.o"
  objects+=("$object")
  spawn "${cxx[@]}" "${common[@]}" -fsanitize=fuzzer-no-link,address,undefined -c "$source" \
    -o "$object"
done
finish
[ $failed -eq 0 ] || { echo "run_fuzzers: the library did not build" >&2; exit 1; }

targets=()
for name in "${!seeds[@]}"; do targets+=("$name"); done
mapfile -t targets < <(printf '%s\n' "${targets[@]}" | sort)
for name in "${targets[@]}"; do
  spawn "${cxx[@]}" "${common[@]}" -fsanitize=fuzzer,address,undefined \
    "$src/tests/fuzz/${name}_fuzz.cpp" "${objects[@]}" -lcrypto -lzip -lexpat -o "$build/bin/${name}_fuzz"
done
finish
[ $failed -eq 0 ] || { echo "run_fuzzers: a fuzz target did not build" >&2; exit 1; }

# Runs one target; its verdict goes to logs/<name>.status.
run() {
  local name=$1 dirs=()
  mkdir -p "$build/corpus/$name"
  for folder in ${seeds[$name]}; do dirs+=("$src/tests/data/$folder"); done
  if "$build/bin/${name}_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$build/artifacts/${name}-" \
      "$build/corpus/$name" "${dirs[@]}" > "$build/logs/$name.log" 2>&1; then
    echo ok > "$build/logs/$name.status"
  else
    echo failed > "$build/logs/$name.status"
  fi
}

rm -f "$build"/logs/*.status
for name in "${targets[@]}"; do spawn run "$name"; done
finish

status=0
for name in "${targets[@]}"; do
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$build/logs/$name.log" | tail -1)
  if [ "$(cat "$build/logs/$name.status")" = ok ]; then
    echo "run_fuzzers: ${name}_fuzz ok (${runs:-?} runs in ${seconds}s)"
  else
    echo "run_fuzzers: ${name}_fuzz FAILED, log: $build/logs/$name.log" >&2
    tail -40 "$build/logs/$name.log" >&2
    status=1
  fi
done
exit $status
