#include "brain/registry.h"

#include <string>

#include "brain/local/local_brain.h"

namespace brain {
namespace {

using Factory = base::Result<std::unique_ptr<core::Brain>> (*)(const core::AgentConfig&,
                                                               const core::Catalog&);

template <typename T>
base::Result<std::unique_ptr<core::Brain>> Make(const core::AgentConfig& config,
                                                const core::Catalog& catalog) {
  auto brain = T::Create(config, catalog);
  if (!brain.ok()) return brain.error();
  return std::unique_ptr<core::Brain>(std::move(brain).value());
}

struct Entry {
  std::string_view kind;
  Factory make;
};

constexpr Entry kBrains[] = {
    {"local", &Make<LocalBrain>},
};

}  // namespace

base::Result<std::unique_ptr<core::Brain>> MakeBrain(std::string_view kind,
                                                     const core::AgentConfig& config,
                                                     const core::Catalog& catalog) {
  for (const Entry& entry : kBrains) {
    if (entry.kind == kind) return entry.make(config, catalog);
  }
  std::string known;
  for (const Entry& entry : kBrains) {
    if (!known.empty()) known += ", ";
    known += entry.kind;
  }
  return base::Error::InvalidArgument("unknown brain kind \"" + std::string(kind) +
                                      "\"; known kinds: " + known);
}

std::vector<std::string_view> BrainKinds() {
  std::vector<std::string_view> kinds;
  for (const Entry& entry : kBrains) kinds.push_back(entry.kind);
  return kinds;
}

}  // namespace brain
