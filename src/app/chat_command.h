// `frontdesk chat`: a terminal conversation with a workspace's agent, interactive on a terminal
// and a script otherwise (see chat_session.h for the language).
#pragma once

#include <iosfwd>
#include <string>

namespace app {

struct ChatCommandOptions {
  std::string db;
  std::string workspace;
  std::string customer = "customer";
  // The channel the customer writes on: web (the default), whatsapp, messenger or instagram.
  std::string channel = "web";
  bool json = false;
  // "local", "llm" (the model of FRONTDESK_LLM_*), or "" for the workspace's own choice.
  std::string brain;
};

// Returns 0, 1 when the workspace cannot be opened, the model is not configured (`--brain llm`
// without FRONTDESK_LLM_BASE_URL and FRONTDESK_LLM_MODEL), a line was invalid or an /expect
// failed.
int RunChat(const ChatCommandOptions& options, std::istream& in, std::ostream& out,
            std::ostream& err);

}  // namespace app
