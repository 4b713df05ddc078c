// The web chat's page and embeddable script, compiled into the binary (web/ at build time): the
// server needs no files and no CDN.
#pragma once

#include <string_view>

namespace app {

std::string_view ChatPageHtml();
std::string_view ChatWidgetJs();

}  // namespace app
