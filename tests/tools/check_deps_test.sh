#!/usr/bin/env bash
# tools/check_deps accepts includes that follow the module direction and rejects one that does not.
# Usage: check_deps_test.sh PATH/TO/check_deps
set -euo pipefail
check=${1:?usage: check_deps_test.sh CHECK_DEPS}
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/workflow" "$tree/store" "$tree/core"
printf '#include "core/conversation.h"\n#include <vector>\n' > "$tree/workflow/decide.cpp"
printf '#include "core/store.h"\n' > "$tree/store/sqlite.cpp"
"$check" "$tree" > /dev/null || { echo "FAIL: a valid tree was rejected"; exit 1; }

printf '#include "store/sqlite.h"\n' >> "$tree/workflow/decide.cpp"
if "$check" "$tree" 2> "$tree/err"; then
  echo "FAIL: workflow including store was accepted"; exit 1
fi
grep -q 'workflow may not depend on store' "$tree/err" || { echo "FAIL: unclear message"; exit 1; }

mkdir -p "$tree/utils" && printf '\n' > "$tree/utils/x.cpp"
sed -i '$d' "$tree/workflow/decide.cpp"
if "$check" "$tree" 2> /dev/null; then echo "FAIL: an unlisted module was accepted"; exit 1; fi
echo "check_deps_test: passed"
