// A zip archive made in memory from named parts, with libzip: what an .xlsx workbook is.
#pragma once

#include <map>
#include <string>

#include "base/result.h"

namespace spreadsheet {

// The bytes of a zip archive holding `parts` (name -> content), deflated, in name order.
// kInternal when libzip fails (out of memory).
base::Result<std::string> ZipParts(const std::map<std::string, std::string>& parts);

}  // namespace spreadsheet
