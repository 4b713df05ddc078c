// A table as a CSV file that Excel, Numbers and LibreOffice open as written: UTF-8 with a byte
// order mark, RFC 4180 quoting, CRLF line ends. A cell that a spreadsheet would run as a formula
// (starting with =, +, -, @, a tab or a carriage return) is written after an apostrophe, so an
// exported customer message can never execute (OWASP's CSV injection advice).
#pragma once

#include <string>

#include "spreadsheet/table.h"

namespace spreadsheet {

std::string WriteCsv(const Table& table);

}  // namespace spreadsheet
