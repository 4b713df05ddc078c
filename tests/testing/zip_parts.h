// A zip archive made in memory from named parts, with libzip: what an .xlsx workbook is, for
// tests that need one with exactly the XML they write.
#pragma once

#include <zip.h>

#include <cstdio>
#include <map>
#include <string>

namespace testing_support {

// The bytes of a zip archive holding `parts` (name -> content), deflated. Empty on failure.
inline std::string ZipParts(const std::map<std::string, std::string>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_error_fini(&error);
  if (buffer == nullptr) return {};
  zip_source_keep(buffer);
  zip_error_init(&error);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  zip_error_fini(&error);
  if (archive == nullptr) {
    zip_source_free(buffer);
    return {};
  }
  for (const auto& [name, content] : parts) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (source == nullptr || zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(source);
      zip_discard(archive);
      zip_source_free(buffer);
      return {};
    }
  }
  std::string out;
  if (zip_close(archive) == 0 && zip_source_open(buffer) == 0) {
    char chunk[4096];
    zip_int64_t n = 0;
    while ((n = zip_source_read(buffer, chunk, sizeof chunk)) > 0) {
      out.append(chunk, static_cast<std::size_t>(n));
    }
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  return out;
}

}  // namespace testing_support
