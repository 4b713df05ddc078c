#include "api/channel_routes.h"

#include <optional>

#include "api/access.h"
#include "api/json_api.h"

namespace api {
namespace {

using nlohmann::json;

constexpr core::Channel kMetaChannels[] = {core::Channel::kWhatsapp, core::Channel::kMessenger,
                                           core::Channel::kInstagram};

json ChannelJson(core::Channel channel, const std::optional<core::ChannelAccount>& account) {
  if (!account) {
    return {{"channel", core::ToString(channel)},
            {"status", core::ToString(core::ChannelStatus::kNotConnected)},
            {"account_id", nullptr},
            {"app_id", ""},
            {"access_token_set", false},
            {"app_secret_set", false},
            {"verify_token_set", false}};
  }
  return {{"channel", core::ToString(channel)},
          {"status", core::ToString(account->status)},
          {"account_id", account->account_id},
          {"app_id", account->app_id},
          {"access_token_set", !account->access_token.empty()},
          {"app_secret_set", !account->app_secret.empty()},
          {"verify_token_set", !account->verify_token.empty()}};
}

// The workspace's accounts on `channel`, by account id.
base::Result<std::vector<core::ChannelAccount>> AccountsOn(core::ChannelAccounts& accounts,
                                                           std::int64_t workspace_id,
                                                           core::Channel channel) {
  auto all = accounts.ListWorkspaceChannelAccounts(workspace_id);
  if (!all.ok()) return all.error();
  std::vector<core::ChannelAccount> on;
  for (core::ChannelAccount& a : *all) {
    if (a.channel == channel) on.push_back(std::move(a));
  }
  return on;
}

// The Meta channel of the {channel} path parameter: kNotFound for an unknown one,
// kInvalidArgument for the web chat (always on, nothing to set).
base::Result<core::Channel> MetaChannel(const http::Request& r) {
  const auto channel = core::ParseChannel(r.PathParam("channel").value_or(""));
  if (!channel) return base::Error::NotFound("no such channel");
  if (*channel == core::Channel::kWeb) {
    return base::Error::InvalidArgument(
        "the web chat is always connected: there is nothing to set");
  }
  return *channel;
}

bool HasControl(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

// Reads the PUT body's keys into `account`; returns the problems. A secret or id given replaces
// the stored one; `token_given` tells whether a new access token came.
std::vector<core::FieldError> ApplyChannelBody(const json& body, core::ChannelAccount& account,
                                               bool& token_given) {
  std::vector<core::FieldError> problems;
  for (const auto& [key, value] : body.items()) {
    std::string* target = key == "account_id"     ? &account.account_id
                          : key == "access_token" ? &account.access_token
                          : key == "app_secret"   ? &account.app_secret
                          : key == "verify_token" ? &account.verify_token
                          : key == "app_id"       ? &account.app_id
                                                  : nullptr;
    if (target == nullptr) {
      problems.push_back({key, "unknown key"});
      continue;
    }
    if (!value.is_string()) {
      problems.push_back({key, "must be a string"});
      continue;
    }
    const std::string text = value.get<std::string>();
    const bool id = key == "account_id" || key == "app_id";
    const std::size_t limit = id ? kMaxAccountIdBytes : kMaxSecretBytes;
    if (text.size() > limit || HasControl(text) || (id && text.find(' ') != std::string::npos)) {
      problems.push_back({key, "must be at most " + std::to_string(limit) +
                                   " bytes, without control characters" +
                                   (id ? " or spaces" : "")});
      continue;
    }
    if (text.empty() && key != "app_id") {
      problems.push_back({key, "must not be empty (omit it to keep the stored one)"});
      continue;
    }
    *target = text;
    if (key == "access_token") token_given = true;
  }
  // A connection needs all three secrets and the id; an omitted one was kept, when stored.
  for (const auto& [field, value] :
       {std::pair<const char*, const std::string*>{"account_id", &account.account_id},
        {"access_token", &account.access_token},
        {"app_secret", &account.app_secret},
        {"verify_token", &account.verify_token}}) {
    if (value->empty() && !body.contains(field)) problems.push_back({field, "is required"});
  }
  return problems;
}

http::Response List(Auth& auth, core::Store& store, core::Users& users,
                    core::ChannelAccounts& accounts, const http::Request& r) {
  auto access = Authorize(auth, store, users, r, Need::kMember);
  if (!access.ok()) return ErrorResponse(access.error());
  auto all = accounts.ListWorkspaceChannelAccounts(access->workspace.id);
  if (!all.ok()) return ErrorResponse(all.error());
  json list = json::array();
  for (core::Channel channel : kMetaChannels) {
    std::optional<core::ChannelAccount> first;
    for (const core::ChannelAccount& a : *all) {
      if (a.channel == channel && !first) first = a;
    }
    list.push_back(ChannelJson(channel, first));
  }
  list.push_back({{"channel", core::ToString(core::Channel::kWeb)},
                  {"status", core::ToString(core::ChannelStatus::kConnected)},
                  {"url", "/chat/" + access->workspace.slug}});
  return JsonResponse(200, {{"channels", std::move(list)}});
}

// The channel's account is replaced in one transaction: never two, never none in between.
http::Response Connect(Auth& auth, core::Store& store, core::Users& users,
                       core::ChannelAccounts& accounts, const http::Request& r) {
  auto access = Authorize(auth, store, users, r, Need::kOwner);
  if (!access.ok()) return ErrorResponse(access.error());
  auto channel = MetaChannel(r);
  if (!channel.ok()) return ErrorResponse(channel.error());
  auto body = JsonObject(r);
  if (!body.ok()) return ErrorResponse(body.error());
  const std::int64_t workspace_id = access->workspace.id;
  core::ChannelAccount account;
  std::vector<core::FieldError> problems;
  const base::Error rejected = base::Error::InvalidArgument("the channel was not saved");
  const base::Status done = store.Atomically([&]() -> base::Status {
    auto stored = AccountsOn(accounts, workspace_id, *channel);
    if (!stored.ok()) return stored.error();
    account = stored->empty() ? core::ChannelAccount{workspace_id, *channel} : stored->front();
    bool token_given = false;
    problems = ApplyChannelBody(*body, account, token_given);
    if (!problems.empty()) return rejected;
    if (token_given) account.status = core::ChannelStatus::kConnected;
    for (const core::ChannelAccount& old : *stored) {
      if (old.account_id == account.account_id) continue;
      if (base::Status removed =
              accounts.DeleteChannelAccount(workspace_id, *channel, old.account_id);
          !removed.ok()) {
        return removed;
      }
    }
    return accounts.SaveChannelAccount(account);
  });
  if (!problems.empty()) return FieldErrorResponse(rejected.message, problems);
  if (!done.ok()) return ErrorResponse(done.error());
  return JsonResponse(200, ChannelJson(*channel, account));
}

http::Response Disconnect(Auth& auth, core::Store& store, core::Users& users,
                          core::ChannelAccounts& accounts, const http::Request& r) {
  auto access = Authorize(auth, store, users, r, Need::kOwner);
  if (!access.ok()) return ErrorResponse(access.error());
  auto channel = MetaChannel(r);
  if (!channel.ok()) return ErrorResponse(channel.error());
  const std::int64_t workspace_id = access->workspace.id;
  const base::Status done = store.Atomically([&]() -> base::Status {
    auto on = AccountsOn(accounts, workspace_id, *channel);
    if (!on.ok()) return on.error();
    if (on->empty()) return base::Error::NotFound("the channel is not connected");
    for (const core::ChannelAccount& a : *on) {
      if (base::Status removed =
              accounts.DeleteChannelAccount(workspace_id, *channel, a.account_id);
          !removed.ok()) {
        return removed;
      }
    }
    return base::Status::Ok();
  });
  if (!done.ok()) return ErrorResponse(done.error());
  return http::Response::NoContent();
}

}  // namespace

void AddChannelRoutes(http::Router& router, Auth& auth, core::Store& store, core::Users& users,
                      core::ChannelAccounts& accounts) {
  const std::string channels = "/api/v1/workspaces/{workspace}/channels";
  router.Get(channels,
             [&](const http::Request& r) { return List(auth, store, users, accounts, r); });
  router.Put(channels + "/{channel}",
             [&](const http::Request& r) { return Connect(auth, store, users, accounts, r); });
  router.Delete(channels + "/{channel}", [&](const http::Request& r) {
    return Disconnect(auth, store, users, accounts, r);
  });
}

}  // namespace api
