// `frontdesk nlu`: the local brain's reading of each input line, for evaluating it on data.
#pragma once

#include <iosfwd>

namespace app {

// Reads JSON lines {"text": "..."} and writes, for each, one line
// {"text", "language", "handoff", "frustration"} in the same order; a line that is not such an
// object gets {"error": "line N: ..."}. Returns 0, or 1 when any line was rejected.
int RunNlu(std::istream& in, std::ostream& out);

}  // namespace app
