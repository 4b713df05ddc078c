#include "catalog/csv_reader.h"

#include <utility>

namespace catalog {
namespace {

enum class State { kFieldStart, kUnquoted, kQuoted, kAfterQuote };

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

bool IsAllSpace(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

}  // namespace

CsvReader::CsvReader(std::string_view text, Limits limits) : text_(text), limits_(limits) {}

bool CsvReader::ConsumeLineEnd() {
  if (pos_ >= text_.size()) return false;
  if (text_[pos_] == '\n') {
    ++pos_;
  } else if (text_[pos_] == '\r') {
    ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
  } else {
    return false;
  }
  ++line_;
  return true;
}

void CsvReader::Fail(CsvRecord& record, std::string message) const {
  if (record.error.empty()) record.error = std::move(message);
}

bool CsvReader::Next(CsvRecord& record) {
  if (pos_ >= text_.size()) return false;
  record.line = line_;
  record.fields.clear();
  record.field_count = 0;
  record.error.clear();

  std::string field;
  const auto append = [&](char c) {
    if (field.size() < limits_.max_field_bytes) {
      field.push_back(c);
    } else {
      Fail(record, "field " + std::to_string(record.field_count + 1) + " is longer than " +
                       std::to_string(limits_.max_field_bytes) + " bytes");
    }
  };
  const auto end_field = [&] {
    if (record.fields.size() < limits_.max_fields) record.fields.push_back(std::move(field));
    field.clear();
    ++record.field_count;
  };

  State state = State::kFieldStart;
  std::size_t quote_line = line_;
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (state == State::kQuoted) {
      if (c == '"' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
        append('"');
        pos_ += 2;
      } else if (c == '"') {
        state = State::kAfterQuote;
        ++pos_;
      } else if (ConsumeLineEnd()) {
        append('\n');
      } else {
        append(c);
        ++pos_;
      }
      continue;
    }
    if (c == ',') {
      end_field();
      state = State::kFieldStart;
      ++pos_;
      continue;
    }
    if (ConsumeLineEnd()) {
      end_field();
      return true;
    }
    ++pos_;
    if (state == State::kAfterQuote) {
      if (IsSpace(c)) continue;
      Fail(record, "field " + std::to_string(record.field_count + 1) +
                       " has text after its closing quote (inside a quoted field, write a quote "
                       "as \"\")");
      state = State::kUnquoted;  // keep reading the rest of the field as plain text
    } else if (c == '"' && IsAllSpace(field)) {
      field.clear();
      state = State::kQuoted;
      quote_line = line_;
      continue;
    } else {
      state = State::kUnquoted;
    }
    append(c);
  }
  end_field();
  if (state == State::kQuoted) {
    std::string message = "a quoted field is never closed (a closing \" is missing)";
    if (quote_line != record.line)
      message += "; its quote opens on line " + std::to_string(quote_line);
    Fail(record, std::move(message));
  }
  return true;
}

}  // namespace catalog
