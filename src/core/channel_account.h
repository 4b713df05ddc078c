// A workspace's account on a messaging channel (a WhatsApp number, a Facebook Page, an Instagram
// professional account), with the credentials to receive and send, and the ChannelAccounts port.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/enums.h"

namespace core {

enum class ChannelStatus { kConnected, kNotConnected, kReconnectionNeeded };

std::string_view ToString(ChannelStatus v);
std::optional<ChannelStatus> ParseChannelStatus(std::string_view s);

struct ChannelAccount {
  std::int64_t workspace_id = 0;
  Channel channel = Channel::kWhatsapp;
  // The channel's id of the account: WhatsApp phone number id, Page id, Instagram account id.
  // Unique per channel across the installation: webhooks are routed by it.
  std::string account_id;
  std::string access_token;  // secret: never logged, never returned by an API
  std::string app_secret;    // secret: signs the webhooks (X-Hub-Signature-256)
  std::string verify_token;  // secret: the GET verification handshake
  std::string app_id;        // our Meta app id: tells our Messenger echoes from a person's
  ChannelStatus status = ChannelStatus::kConnected;
};

// Thread-safety: every method may be called from any thread. Errors as in core::Store.
class ChannelAccounts {
 public:
  virtual ~ChannelAccounts() = default;
  // Creates or replaces the account (channel, account_id) of the workspace. kAlreadyExists when
  // another workspace holds that account; kNotFound for an unknown workspace.
  virtual base::Status SaveChannelAccount(const ChannelAccount& account) = 0;
  // The account webhooks for (channel, account_id) belong to, across workspaces (routing).
  // kNotFound when no workspace has it.
  virtual base::Result<ChannelAccount> FindChannelAccount(Channel channel,
                                                          const std::string& account_id) = 0;
  // Every account of a channel, across workspaces (to check webhook signatures and handshakes).
  virtual base::Result<std::vector<ChannelAccount>> ListChannelAccounts(Channel channel) = 0;
  virtual base::Status SetChannelStatus(Channel channel, const std::string& account_id,
                                        ChannelStatus status) = 0;
  // The accounts of one workspace, by channel, then account id. Empty for an unknown workspace.
  virtual base::Result<std::vector<ChannelAccount>> ListWorkspaceChannelAccounts(
      std::int64_t workspace_id) = 0;
  // Removes the workspace's account (channel, account_id); its conversations stay, and its
  // queued messages then fail. kNotFound when the workspace has no such account.
  virtual base::Status DeleteChannelAccount(std::int64_t workspace_id, Channel channel,
                                            const std::string& account_id) = 0;
};

}  // namespace core
