// A table of text: a header row and rows of cells, what an export writes (csv_writer.h,
// xlsx_writer.h).
#pragma once

#include <string>
#include <vector>

namespace spreadsheet {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // a row may be shorter than the header
};

}  // namespace spreadsheet
