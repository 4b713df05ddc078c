#include "spreadsheet/zip.h"

#include <zip.h>

namespace spreadsheet {

base::Result<std::string> ZipParts(const std::map<std::string, std::string>& parts) {
  const auto failed = [] { return base::Error::Internal("the archive could not be written"); };
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_error_fini(&error);
  if (buffer == nullptr) return failed();
  zip_source_keep(buffer);  // read back after zip_close
  zip_error_init(&error);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  zip_error_fini(&error);
  if (archive == nullptr) {
    zip_source_free(buffer);
    return failed();
  }
  for (const auto& [name, content] : parts) {
    // The content outlives the archive: zip_close reads it.
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (source == nullptr || zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(source);
      zip_discard(archive);
      zip_source_free(buffer);
      return failed();
    }
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    zip_source_free(buffer);
    return failed();
  }
  std::string out;
  bool read = zip_source_open(buffer) == 0;
  if (read) {
    char chunk[16 * 1024];
    zip_int64_t n = 0;
    while ((n = zip_source_read(buffer, chunk, sizeof chunk)) > 0) {
      out.append(chunk, static_cast<std::size_t>(n));
    }
    read = n == 0;
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  if (!read) return failed();
  return out;
}

}  // namespace spreadsheet
