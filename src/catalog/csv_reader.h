// An RFC 4180 record reader: splits text into records of fields, keeping the physical line where
// each record starts.
//
// Accepted beyond the RFC, because spreadsheets and people write it: LF, CRLF or a lone CR as line
// end (a final one optional); spaces before an opening quote and after a closing quote; a quote in
// the middle of an unquoted field is kept as a literal character (12" pizza). Inside a quoted
// field every line end (CRLF, LF, CR) is kept as one "\n".
//
// Never throws. Memory stays bounded by Limits whatever the input.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace catalog {

struct CsvRecord {
  std::size_t line = 0;             // 1-based physical line where the record starts
  std::vector<std::string> fields;  // the first Limits::max_fields fields, unquoted, as written
  std::size_t field_count = 0;      // every field of the record, also those past max_fields
  std::string error;                // empty when well-formed, else the first problem
};

class CsvReader {
 public:
  struct Limits {
    std::size_t max_field_bytes;  // a longer field is an error, and is cut to this length
    std::size_t max_fields;       // fields past this are counted, not kept
  };

  // `text` must outlive the reader.
  CsvReader(std::string_view text, Limits limits);

  // Reads the next record into `record` and returns true, or returns false at the end of the
  // text. A blank physical line is a record of one empty field. An unterminated quoted field
  // takes the rest of the text: that record carries the error and is the last one.
  bool Next(CsvRecord& record);

 private:
  // Consumes a line end (CRLF, LF or CR) at pos_, if there is one; counts the line.
  bool ConsumeLineEnd();
  void Append(CsvRecord& record, char c) const;
  void Fail(CsvRecord& record, std::string message) const;

  std::string_view text_;
  Limits limits_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

}  // namespace catalog
