// The `frontdesk` command line: the only place that reads arguments and builds the objects.
#pragma once

#include <iosfwd>

namespace app {

// Runs `frontdesk ARGS...` and returns the process exit code: 0 success, 1 a failure reported on
// stderr (or a failed /expect), 2 a usage error.
int Main(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace app
