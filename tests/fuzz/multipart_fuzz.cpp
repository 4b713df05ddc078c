// Fuzz target: multipart/form-data bodies. Whatever the bytes, the parser answers parts or an
// error; every part has a name and its body lies inside the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/multipart.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  auto parts = http::ParseFormData("multipart/form-data; boundary=XyZ", body);
  if (!parts.ok()) return 0;
  for (const http::FormPart& part : *parts) {
    if (part.name.empty()) std::abort();
    if (part.body.data() < body.data() ||
        part.body.data() + part.body.size() > body.data() + size) {
      std::abort();
    }
  }
  return 0;
}
