// Runs every example of the API documentation (docs/api.md and each page of docs/api/), in order,
// each page against its own fresh server: each ```http block (the request line, header lines,
// then the body: JSON by default, or what a Content-Type line says) is sent, and the ```response
// block after it must match the answer: the status, and the JSON with the same keys and values
// ("…" stands for any value). The session cookie is kept between
// examples like a browser's; requests other than GET send the session's CSRF token unless they
// carry an Authorization header; "{token}" is the last API token a response returned.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "e2e/crm_server.h"

namespace e2e {
namespace {

using nlohmann::json;

struct Example {
  int line = 0;  // of the ```http fence, for failure messages
  std::string method;
  std::string path;
  httplib::Headers headers;
  std::string body;
  int status = 0;
  std::string response;  // JSON, or empty
};

std::vector<Example> ReadExamples(const std::string& file) {
  std::ifstream in(file);
  std::vector<Example> examples;
  std::string line;
  int number = 0;
  std::string fence;  // "http", "response" or "" outside a block
  std::vector<std::string> block;
  while (std::getline(in, line)) {
    ++number;
    if (line == "```http" || line == "```response") {
      fence = line.substr(3);
      block.clear();
      if (fence == "http") examples.push_back({number});
      continue;
    }
    if (line != "```" || fence.empty()) {
      if (!fence.empty()) block.push_back(line);
      continue;
    }
    Example& e = examples.back();
    if (fence == "http") {
      std::istringstream first(block.at(0));
      first >> e.method >> e.path;
      // Header lines, then the body's lines (a CSV file keeps its line ends).
      bool in_body = false;
      for (std::size_t i = 1; i < block.size(); ++i) {
        const std::string& l = block[i];
        const auto colon = l.find(": ");
        if (!in_body && !l.starts_with("{") && colon != std::string::npos) {
          e.headers.emplace(l.substr(0, colon), l.substr(colon + 2));
        } else {
          e.body += (in_body ? "\n" : "") + l;
          in_body = true;
        }
      }
    } else {
      e.status = std::stoi(block.at(0));
      for (std::size_t i = 1; i < block.size(); ++i) e.response += block[i];
    }
    fence.clear();
  }
  return examples;
}

// Whether `actual` is what the documentation shows: the same keys and values, "…" for any value.
// `where` names the first difference.
bool Matches(const json& doc, const json& actual, std::string& where, const std::string& at = "") {
  if (doc.is_string() && doc.get<std::string>() == "…") return true;
  if (doc.is_object()) {
    if (!actual.is_object() || actual.size() != doc.size()) {
      where = at + ": " + actual.dump();
      return false;
    }
    for (const auto& [key, value] : doc.items()) {
      if (!actual.contains(key) || !Matches(value, actual[key], where, at + "." + key)) {
        if (where.empty()) where = at + "." + key + " is missing";
        return false;
      }
    }
    return true;
  }
  if (doc.is_array()) {
    if (!actual.is_array() || actual.size() != doc.size()) {
      where = at + ": " + actual.dump();
      return false;
    }
    for (std::size_t i = 0; i < doc.size(); ++i) {
      if (!Matches(doc[i], actual[i], where, at + "[" + std::to_string(i) + "]")) return false;
    }
    return true;
  }
  if (doc != actual) where = at + ": " + actual.dump() + " instead of " + doc.dump();
  return doc == actual;
}

// The pages, relative to the source directory: docs/api.md first, then docs/api/*.md by name.
std::vector<std::string> Pages() {
  const std::filesystem::path source(FRONTDESK_SOURCE_DIR);
  std::vector<std::string> pages;
  std::error_code absent;  // no docs/api/ yet: docs/api.md alone
  for (const auto& entry : std::filesystem::directory_iterator(source / "docs" / "api", absent)) {
    if (entry.path().extension() == ".md") {
      pages.push_back(entry.path().lexically_relative(source).string());
    }
  }
  std::sort(pages.begin(), pages.end());
  pages.insert(pages.begin(), "docs/api.md");
  return pages;
}

class ApiDocsTest : public testing::TestWithParam<std::string> {};

TEST_P(ApiDocsTest, EveryExampleHoldsAgainstTheServer) {
  CrmServer crm;
  ASSERT_TRUE(crm.Start());
  const std::string page = GetParam();
  const std::vector<Example> examples =
      ReadExamples(std::string(FRONTDESK_SOURCE_DIR) + "/" + page);
  ASSERT_GE(examples.size(), 3u);
  std::string cookie;
  std::string csrf;
  std::string token;
  for (Example e : examples) {
    SCOPED_TRACE(page + ":" + std::to_string(e.line) + " " + e.method + " " + e.path);
    ASSERT_NE(e.status, 0) << "an example without its response";
    for (auto& [name, value] : e.headers) {
      if (const auto at = value.find("{token}"); at != std::string::npos) {
        value.replace(at, 7, token);
      }
    }
    if (!cookie.empty()) e.headers.emplace("Cookie", cookie);
    if (e.method != "GET" && !e.headers.count("Authorization") && !csrf.empty()) {
      e.headers.emplace("X-CSRF-Token", csrf);
    }
    httplib::Request request;
    request.method = e.method;
    request.path = e.path;
    request.headers = e.headers;
    request.body = e.body;
    if (!e.body.empty() && !e.headers.count("Content-Type")) {
      request.set_header("Content-Type", "application/json");
    }
    httplib::Result result = crm.client().send(request);
    ASSERT_TRUE(result);
    crm.WaitForReplies();  // what the example made due is answered before the next one reads
    EXPECT_EQ(result->status, e.status) << result->body;
    if (const std::string set = result->get_header_value("Set-Cookie"); !set.empty()) {
      cookie = set.find("Max-Age=0") != std::string::npos ? "" : set.substr(0, set.find(';'));
    }
    if (e.response.empty()) {
      EXPECT_TRUE(result->body.empty()) << result->body;
      continue;
    }
    const json actual = json::parse(result->body, nullptr, false);
    std::string where;
    EXPECT_TRUE(Matches(json::parse(e.response), actual, where)) << where;
    if (actual.contains("csrf_token")) csrf = actual["csrf_token"];
    if (actual.contains("token")) token = actual["token"];
  }
}

INSTANTIATE_TEST_SUITE_P(Pages, ApiDocsTest, testing::ValuesIn(Pages()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param.substr(0, info.param.size() - 3);
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace e2e
