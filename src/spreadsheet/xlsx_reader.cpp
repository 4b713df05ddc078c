#include "spreadsheet/xlsx_reader.h"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>

namespace spreadsheet {
namespace {

using Attributes = std::map<std::string, std::string, std::less<>>;

// Excel's limits on a number format: its code's length and the decimals it shows.
constexpr std::size_t kMaxFormatCodeChars = 255;
constexpr int kMaxDecimals = 30;
// Excel's limit on the cell styles of a workbook.
constexpr std::size_t kMaxStyles = 64'000;
// From here on a fixed format would write more digits than a double holds: shown as General.
constexpr double kLargestFixed = 1e15;
// The most text the rows of one sheet may keep (a catalog file's cells are far less): a small
// workbook that inflates past it is refused rather than held.
constexpr std::size_t kMaxSheetTextBytes = 64 * 1024 * 1024;

base::Error NotAWorkbook(std::string why) {
  return base::Error::InvalidArgument("the file is not an Excel workbook (.xlsx): " +
                                      std::move(why));
}

// ---- the zip ----

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipHandle = std::unique_ptr<zip_t, ZipCloser>;

base::Result<ZipHandle> OpenZip(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return NotAWorkbook("it cannot be read as a zip archive");
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (archive == nullptr) {
    zip_source_free(source);
    return NotAWorkbook("it cannot be read as a zip archive");
  }
  return ZipHandle(archive);
}

// The inflated bytes of part `name`, or nullopt when the archive has no such part.
base::Result<std::optional<std::string>> ReadPart(zip_t* archive, const std::string& name) {
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat(archive, name.c_str(), 0, &stat) != 0) return std::optional<std::string>();
  if ((stat.valid & ZIP_STAT_SIZE) != 0 && stat.size > kMaxPartBytes) {
    return NotAWorkbook(name + " is too large");
  }
  zip_file_t* file = zip_fopen(archive, name.c_str(), 0);
  if (file == nullptr) return NotAWorkbook(name + " cannot be read");
  std::string out;
  char buffer[64 * 1024];
  while (true) {
    const zip_int64_t n = zip_fread(file, buffer, sizeof buffer);
    if (n < 0) {
      zip_fclose(file);
      return NotAWorkbook(name + " is damaged");
    }
    if (n == 0) break;
    if (out.size() + static_cast<std::size_t>(n) > kMaxPartBytes) {  // the directory lied
      zip_fclose(file);
      return NotAWorkbook(name + " is too large");
    }
    out.append(buffer, static_cast<std::size_t>(n));
  }
  zip_fclose(file);
  return std::optional<std::string>(std::move(out));
}

// ---- XML, read with expat: names without their namespace prefix ----

struct XmlHandler {
  std::function<void(std::string_view, const Attributes&)> start;
  std::function<void(std::string_view)> end;
  std::function<void(std::string_view)> text;
};

std::string_view Local(const XML_Char* name) {
  std::string_view n(name);
  const auto colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

// What expat's callbacks reach: the handler, and why the parse was stopped, if it was.
struct ParseState {
  XML_Parser parser;
  XmlHandler& handler;
  std::optional<std::string> stopped;
};

// Runs `work` for a callback; a failure inside it (out of memory, a handler's refusal) stops the
// parse instead of unwinding through expat's C frames.
template <typename Work>
void Guarded(void* data, Work work) {
  auto& state = *static_cast<ParseState*>(data);
  if (state.stopped) return;
  try {
    work(state.handler);
  } catch (const std::exception& e) {
    state.stopped = e.what();
    XML_StopParser(state.parser, XML_FALSE);
  }
}

base::Status ParseXml(std::string_view xml, const std::string& part, XmlHandler& handler) {
  std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(XML_ParserCreate("UTF-8"),
                                                                      &XML_ParserFree);
  if (!parser) return base::Error::Internal("out of memory reading " + part);
  ParseState state{parser.get(), handler, std::nullopt};
  XML_SetUserData(parser.get(), &state);
  // A workbook's parts never declare a DTD: refusing one rules out entity expansion.
  XML_SetStartDoctypeDeclHandler(
      parser.get(), [](void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
        auto& s = *static_cast<ParseState*>(data);
        s.stopped = "it declares a DTD, which a workbook never does";
        XML_StopParser(s.parser, XML_FALSE);
      });
  XML_SetElementHandler(
      parser.get(),
      [](void* data, const XML_Char* name, const XML_Char** attributes) {
        Guarded(data, [&](XmlHandler& h) {
          if (!h.start) return;
          Attributes a;
          for (std::size_t i = 0; attributes[i] != nullptr; i += 2) {
            a.emplace(std::string(Local(attributes[i])), attributes[i + 1]);
          }
          h.start(Local(name), a);
        });
      },
      [](void* data, const XML_Char* name) {
        Guarded(data, [&](XmlHandler& h) {
          if (h.end) h.end(Local(name));
        });
      });
  XML_SetCharacterDataHandler(parser.get(), [](void* data, const XML_Char* s, int length) {
    Guarded(data, [&](XmlHandler& h) {
      if (h.text) h.text(std::string_view(s, static_cast<std::size_t>(length)));
    });
  });
  // Whole parts are at most kMaxPartBytes, which fits an int.
  if (XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE) ==
      XML_STATUS_ERROR) {
    if (state.stopped) return NotAWorkbook(part + ": " + *state.stopped);
    return NotAWorkbook(part + " is not well-formed XML (" +
                        XML_ErrorString(XML_GetErrorCode(parser.get())) + ")");
  }
  return base::Status::Ok();
}

std::string AttributeOr(const Attributes& a, std::string_view name, std::string fallback = {}) {
  const auto it = a.find(name);
  return it == a.end() ? fallback : it->second;
}

// ---- the workbook's parts ----

struct Sheet {
  std::string name;
  std::string relation;  // r:id
};

struct Workbook {
  std::vector<Sheet> sheets;
  bool date1904 = false;
};

base::Result<Workbook> ReadWorkbook(std::string_view xml) {
  Workbook book;
  XmlHandler h;
  h.start = [&](std::string_view name, const Attributes& a) {
    if (name == "sheet") book.sheets.push_back({AttributeOr(a, "name"), AttributeOr(a, "id")});
    if (name == "workbookPr") {
      const std::string v = AttributeOr(a, "date1904");
      book.date1904 = v == "1" || v == "true";
    }
  };
  if (base::Status parsed = ParseXml(xml, "xl/workbook.xml", h); !parsed.ok()) {
    return parsed.error();
  }
  if (book.sheets.empty()) return NotAWorkbook("it has no sheet");
  return book;
}

// The part a relationship of the workbook points to ("worksheets/sheet1.xml" -> "xl/...").
base::Result<std::string> SheetPart(std::string_view rels, const std::string& relation) {
  std::string target;
  XmlHandler h;
  h.start = [&](std::string_view name, const Attributes& a) {
    if (name == "Relationship" && AttributeOr(a, "Id") == relation) {
      target = AttributeOr(a, "Target");
    }
  };
  if (base::Status parsed = ParseXml(rels, "xl/_rels/workbook.xml.rels", h); !parsed.ok()) {
    return parsed.error();
  }
  if (target.empty()) return NotAWorkbook("the sheet's part is not listed");
  if (target.front() == '/') return target.substr(1);
  return "xl/" + target;
}

// Each string at most `max_chars` bytes: a cell never shows more.
std::vector<std::string> ReadSharedStrings(std::string_view xml, std::size_t max_chars,
                                           base::Status& status) {
  std::vector<std::string> strings;
  bool in_item = false;
  bool in_text = false;
  int phonetic = 0;  // inside <rPh>: a reading aid, not the text
  XmlHandler h;
  h.start = [&](std::string_view name, const Attributes&) {
    if (name == "si") in_item = true, strings.emplace_back();
    if (name == "rPh") ++phonetic;
    if (name == "t") in_text = in_item && phonetic == 0;
  };
  h.end = [&](std::string_view name) {
    if (name == "si") in_item = false;
    if (name == "rPh") --phonetic;
    if (name == "t") in_text = false;
  };
  h.text = [&](std::string_view s) {
    if (!in_text) return;
    std::string& text = strings.back();
    if (text.size() < max_chars) text.append(s.substr(0, max_chars - text.size()));
  };
  status = ParseXml(xml, "xl/sharedStrings.xml", h);
  return strings;
}

// ---- showing a number as Excel does ----

enum class Shown { kGeneral, kFixed, kPercent, kDate, kTime };

struct NumberFormat {
  Shown shown = Shown::kGeneral;
  int decimals = 0;
  bool time = false;     // a date format that also shows the time
  bool seconds = false;  // a time format that shows seconds
  bool elapsed = false;  // a time format of elapsed hours ("[h]:mm"): days count as 24 hours
};

// What a format code shows: the first section, outside quotes, brackets and escapes.
NumberFormat ReadFormatCode(std::string_view code) {
  NumberFormat f;
  const auto section = code.find(';');
  if (section != std::string_view::npos) code = code.substr(0, section);
  bool day_or_year = false;
  bool month_or_minutes = false;
  bool hours_or_seconds = false;
  bool fixed = false;
  bool percent = false;
  bool after_point = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const auto close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
      continue;
    }
    if (c == '[') {
      const auto close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      // "[h]", "[mm]", "[ss]": elapsed time; anything else ("[$-409]", "[Red]") shows nothing.
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) {
        f.elapsed = true;
        hours_or_seconds = true;
        f.seconds = f.seconds || (inside.front() | 0x20) == 's';
      }
      i = close;
      continue;
    }
    if (c == '\\' || c == '_' || c == '*') {
      ++i;
      continue;
    }
    const char lower = static_cast<char>(c | 0x20);
    if (lower == 'd' || lower == 'y') day_or_year = true;
    if (lower == 'm') month_or_minutes = true;
    if (lower == 'h' || lower == 's') hours_or_seconds = true;
    if (lower == 's') f.seconds = true;
    if (c == '0' || c == '#' || c == '?') {
      fixed = true;
      if (after_point && f.decimals < kMaxDecimals) ++f.decimals;
    }
    if (c == '.') after_point = true;
    if (c == '%') percent = true;
  }
  if (day_or_year || (month_or_minutes && !hours_or_seconds)) {
    f.shown = Shown::kDate;
    f.time = hours_or_seconds;
  } else if (hours_or_seconds) {
    f.shown = Shown::kTime;  // "h:mm", "mm:ss", "[h]:mm": the m is minutes
  } else if (percent) {
    f.shown = Shown::kPercent;
  } else if (fixed) {
    f.shown = Shown::kFixed;
  }
  return f;
}

// How number format `id` shows numbers: a custom code of `custom`, or a built-in one (ECMA-376
// part 1, 18.8.30).
NumberFormat FormatOf(const std::map<int, std::string>& custom, int id) {
  if (const auto it = custom.find(id); it != custom.end()) return ReadFormatCode(it->second);
  switch (id) {
    case 1:
    case 3:
    case 37:
    case 38:
      return {Shown::kFixed, 0, false};
    case 2:
    case 4:
    case 39:
    case 40:
      return {Shown::kFixed, 2, false};
    case 9:
      return {Shown::kPercent, 0, false};
    case 10:
      return {Shown::kPercent, 2, false};
    case 14:
    case 15:
    case 16:
    case 17:
      return {Shown::kDate, 0, false};
    case 18:  // h:mm AM/PM
    case 20:  // h:mm
      return {Shown::kTime, 0, false, false, false};
    case 19:  // h:mm:ss AM/PM
    case 21:  // h:mm:ss
    case 45:  // mm:ss
    case 47:  // mmss.0
      return {Shown::kTime, 0, false, true, false};
    case 46:  // [h]:mm:ss
      return {Shown::kTime, 0, false, true, true};
    case 22:  // m/d/yy h:mm
      return {Shown::kDate, 0, true};
    default:
      return {};
  }
}

// How each cell style shows numbers, by the cell's s attribute: read once per workbook.
struct Styles {
  std::vector<NumberFormat> format_of_style;
};

Styles ReadStyles(std::string_view xml, base::Status& status) {
  std::map<int, std::string> custom;  // numFmtId -> formatCode
  std::vector<int> format_ids;
  bool in_cell_formats = false;
  XmlHandler h;
  h.start = [&](std::string_view name, const Attributes& a) {
    if (name == "numFmt") {
      int id = 0;
      const std::string v = AttributeOr(a, "numFmtId");
      std::from_chars(v.data(), v.data() + v.size(), id);
      std::string code = AttributeOr(a, "formatCode");
      // Excel's own limit: a longer code is no format Excel shows.
      if (code.size() > kMaxFormatCodeChars) code.clear();
      custom[id] = std::move(code);
    }
    if (name == "cellXfs") in_cell_formats = true;
    if (name == "xf" && in_cell_formats && format_ids.size() < kMaxStyles) {
      int id = 0;
      const std::string v = AttributeOr(a, "numFmtId", "0");
      std::from_chars(v.data(), v.data() + v.size(), id);
      format_ids.push_back(id);
    }
  };
  h.end = [&](std::string_view name) {
    if (name == "cellXfs") in_cell_formats = false;
  };
  status = ParseXml(xml, "xl/styles.xml", h);
  Styles styles;
  for (int id : format_ids) styles.format_of_style.push_back(FormatOf(custom, id));
  return styles;
}

NumberFormat FormatOfStyle(const Styles& styles, std::size_t style) {
  return style < styles.format_of_style.size() ? styles.format_of_style[style] : NumberFormat{};
}

// A serial day number of either date system as YYYY-MM-DD (and hh:mm when `time`).
std::string FormatDate(double serial, bool date1904, bool time) {
  double whole = std::floor(serial);
  long minutes = std::lround((serial - whole) * 24 * 60);
  if (minutes == 24 * 60) whole += 1, minutes = 0;  // 23:59:59.9 rounds to the next day
  // Days from 1970-01-01 (the civil algorithm below) to the system's day 0. Excel's 1900 system
  // counts a 29 February 1900 that never was: the days before it are one day later.
  const double days_to_epoch = date1904 ? -24107.0 : (whole < 61 ? -25568.0 : -25569.0);
  long z = static_cast<long>(whole + days_to_epoch) + 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long day = doy - (153 * mp + 2) / 5 + 1;
  const long month = mp < 10 ? mp + 3 : mp - 9;
  const long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  char out[96];  // room for any long, though a date is 10 or 16 characters
  if (time && minutes > 0) {
    std::snprintf(out, sizeof out, "%04ld-%02ld-%02ld %02ld:%02ld", year, month, day,
                  minutes / 60 % 24, minutes % 60);
  } else {
    std::snprintf(out, sizeof out, "%04ld-%02ld-%02ld", year, month, day);
  }
  return out;
}

// A time of day (or, `elapsed`, a duration in hours) as hh:mm or hh:mm:ss.
std::string FormatTimeOfDay(double value, const NumberFormat& format) {
  const double days = format.elapsed ? value : value - std::floor(value);
  const long unit = format.seconds ? 1 : 60;  // rounded to the seconds or the minutes shown
  long total = std::lround(days * 86400 / static_cast<double>(unit)) * unit;
  if (!format.elapsed) total %= 86400;
  char out[96];
  if (format.seconds) {
    std::snprintf(out, sizeof out, "%02ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(out, sizeof out, "%02ld:%02ld", total / 3600, total / 60 % 60);
  }
  return out;
}

// As Excel's General shows a stored double: at most 15 significant digits, no trailing zeros.
std::string FormatGeneral(double value) {
  char out[64];
  std::snprintf(out, sizeof out, "%.15g", value);
  return out;
}

std::string FormatNumber(std::string_view raw, const NumberFormat& format, bool date1904) {
  double value = 0;
  const auto [end, error] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
  if (error != std::errc() || end != raw.data() + raw.size() || !std::isfinite(value)) {
    return std::string(raw);
  }
  char out[64];
  switch (format.shown) {
    case Shown::kGeneral:
      return FormatGeneral(value);
    case Shown::kFixed:
      if (std::fabs(value) >= kLargestFixed) return FormatGeneral(value);
      std::snprintf(out, sizeof out, "%.*f", format.decimals, value);
      return out;
    case Shown::kPercent:
      if (std::fabs(value) * 100 >= kLargestFixed) return FormatGeneral(value);
      std::snprintf(out, sizeof out, "%.*f%%", format.decimals, value * 100);
      return out;
    case Shown::kDate:
      // Day 0 and before, or past 9999-12-31, are not dates Excel shows.
      if (value < 1 || value > 2958465) return FormatGeneral(value);
      return FormatDate(value, date1904, format.time);
    case Shown::kTime:
      if (value < 0 || value > 2958465) return FormatGeneral(value);
      return FormatTimeOfDay(value, format);
  }
  return std::string(raw);
}

// ---- the sheet ----

// The 0-based column of a cell reference ("C7" -> 2), or nullopt when it has none.
std::optional<std::size_t> ColumnOf(std::string_view reference) {
  std::size_t column = 0;
  std::size_t letters = 0;
  for (char c : reference) {
    const char upper = static_cast<char>(c & ~0x20);
    if (upper < 'A' || upper > 'Z') break;
    if (++letters > 3) return std::nullopt;  // past XFD
    column = column * 26 + static_cast<std::size_t>(upper - 'A' + 1);
  }
  if (letters == 0) return std::nullopt;
  return column - 1;
}

class SheetReader {
 public:
  SheetReader(const std::vector<std::string>& shared, const Styles& styles, bool date1904,
              const XlsxLimits& limits)
      : shared_(shared), styles_(styles), date1904_(date1904), limits_(limits) {}

  base::Result<std::vector<SheetRow>> Read(std::string_view xml, const std::string& part) {
    XmlHandler h;
    h.start = [this](std::string_view name, const Attributes& a) { Start(name, a); };
    h.end = [this](std::string_view name) { End(name); };
    h.text = [this](std::string_view s) {
      if (in_value_ && value_.size() < limits_.max_cell_bytes) value_.append(s);
    };
    if (base::Status parsed = ParseXml(xml, part, h); !parsed.ok()) return parsed.error();
    return std::move(rows_);
  }

 private:
  void Start(std::string_view name, const Attributes& a) {
    if (done_) return;
    if (name == "row") {
      std::size_t number = rows_.empty() ? 1 : rows_.back().number + 1;
      const std::string r = AttributeOr(a, "r");
      std::from_chars(r.data(), r.data() + r.size(), number);
      row_ = SheetRow{number, {}, 0};
      next_column_ = 0;
      in_row_ = true;
    } else if (name == "c" && in_row_) {
      column_ = ColumnOf(AttributeOr(a, "r")).value_or(next_column_);
      next_column_ = column_ + 1;
      type_ = AttributeOr(a, "t", "n");
      style_ = 0;
      const std::string s = AttributeOr(a, "s", "0");
      std::from_chars(s.data(), s.data() + s.size(), style_);
      value_.clear();
      phonetic_ = 0;
    } else if (name == "rPh") {
      ++phonetic_;
    } else if ((name == "v" || name == "t") && in_row_ && phonetic_ == 0) {
      in_value_ = true;
    }
  }

  void End(std::string_view name) {
    if (done_) return;
    if (name == "v" || name == "t") {
      in_value_ = false;
    } else if (name == "rPh") {
      --phonetic_;
    } else if (name == "c" && in_row_) {
      Put(Shown());
    } else if (name == "row" && in_row_) {
      in_row_ = false;
      if (row_.field_count == 0) return;
      rows_.push_back(std::move(row_));
      if (rows_.size() == limits_.max_rows) done_ = true;
    }
  }

  std::string Shown() const {
    if (type_ == "s") {
      std::size_t index = shared_.size();
      std::from_chars(value_.data(), value_.data() + value_.size(), index);
      return index < shared_.size() ? shared_[index].substr(0, limits_.max_cell_bytes)
                                    : std::string();
    }
    if (type_ == "b") return value_ == "1" ? "TRUE" : "FALSE";
    if (type_ == "n" || type_.empty()) {
      return FormatNumber(value_, FormatOfStyle(styles_, style_), date1904_);
    }
    return value_;  // str (a formula's text), inlineStr, e (an error such as #N/A), d (ISO date)
  }

  void Put(std::string value) {
    if (value.empty()) return;
    row_.field_count = std::max(row_.field_count, column_ + 1);
    if (column_ >= limits_.max_columns) return;
    if (row_.fields.size() <= column_) row_.fields.resize(column_ + 1);
    if (value.size() > limits_.max_cell_bytes) value.resize(limits_.max_cell_bytes);
    kept_bytes_ += value.size();
    if (kept_bytes_ > kMaxSheetTextBytes) {
      throw std::length_error("its cells hold more than " +
                              std::to_string(kMaxSheetTextBytes / (1024 * 1024)) + " MB of text");
    }
    row_.fields[column_] = std::move(value);
  }

  const std::vector<std::string>& shared_;
  const Styles& styles_;
  const bool date1904_;
  const XlsxLimits limits_;
  std::vector<SheetRow> rows_;
  SheetRow row_;
  bool in_row_ = false;
  bool in_value_ = false;
  bool done_ = false;
  int phonetic_ = 0;
  std::size_t column_ = 0;
  std::size_t next_column_ = 0;
  std::string type_;
  std::size_t style_ = 0;
  std::string value_;
  std::size_t kept_bytes_ = 0;  // of every kept cell
};

}  // namespace

bool LooksLikeXlsx(std::string_view bytes) { return bytes.starts_with("PK\x03\x04"); }

base::Result<std::vector<SheetRow>> ReadXlsxSheet(std::string_view bytes,
                                                  const std::optional<std::string>& sheet,
                                                  const XlsxLimits& limits) {
  auto archive = OpenZip(bytes);
  if (!archive.ok()) return archive.error();
  zip_t* zip = archive->get();

  auto workbook_xml = ReadPart(zip, "xl/workbook.xml");
  if (!workbook_xml.ok()) return workbook_xml.error();
  if (!*workbook_xml) return NotAWorkbook("it has no xl/workbook.xml");
  auto workbook = ReadWorkbook(**workbook_xml);
  if (!workbook.ok()) return workbook.error();
  workbook_xml->reset();  // each part is let go once read: at most two are held at once

  const Sheet* chosen = &workbook->sheets.front();
  if (sheet) {
    const auto it = std::find_if(workbook->sheets.begin(), workbook->sheets.end(),
                                 [&](const Sheet& s) { return s.name == *sheet; });
    if (it == workbook->sheets.end()) {
      std::string names;
      for (const Sheet& s : workbook->sheets) names += (names.empty() ? "" : ", ") + s.name;
      return base::Error::InvalidArgument("the workbook has no sheet named '" + *sheet +
                                          "'; its sheets: " + names);
    }
    chosen = &*it;
  }

  auto rels = ReadPart(zip, "xl/_rels/workbook.xml.rels");
  if (!rels.ok()) return rels.error();
  if (!*rels) return NotAWorkbook("it has no xl/_rels/workbook.xml.rels");
  auto part = SheetPart(**rels, chosen->relation);
  if (!part.ok()) return part.error();
  rels->reset();

  std::vector<std::string> shared;
  auto shared_xml = ReadPart(zip, "xl/sharedStrings.xml");
  if (!shared_xml.ok()) return shared_xml.error();
  if (*shared_xml) {
    base::Status read = base::Status::Ok();
    shared = ReadSharedStrings(**shared_xml, limits.max_cell_bytes, read);
    if (!read.ok()) return read.error();
    shared_xml->reset();
  }
  Styles styles;
  auto styles_xml = ReadPart(zip, "xl/styles.xml");
  if (!styles_xml.ok()) return styles_xml.error();
  if (*styles_xml) {
    base::Status read = base::Status::Ok();
    styles = ReadStyles(**styles_xml, read);
    if (!read.ok()) return read.error();
    styles_xml->reset();
  }

  auto sheet_xml = ReadPart(zip, *part);
  if (!sheet_xml.ok()) return sheet_xml.error();
  if (!*sheet_xml) return NotAWorkbook("it has no " + *part);
  return SheetReader(shared, styles, workbook->date1904, limits).Read(**sheet_xml, *part);
}

}  // namespace spreadsheet
