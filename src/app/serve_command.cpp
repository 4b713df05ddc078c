#include "app/serve_command.h"

#include <unistd.h>

#include <functional>
#include <iostream>
#include <mutex>

#include "api/attachment_routes.h"
#include "api/auth.h"
#include "api/auth_routes.h"
#include "api/callback_routes.h"
#include "api/catalog_routes.h"
#include "api/channel_routes.h"
#include "api/config_routes.h"
#include "api/conversation_action_routes.h"
#include "api/conversation_routes.h"
#include "api/lead_export_routes.h"
#include "api/lead_routes.h"
#include "api/live_feed.h"
#include "api/member_routes.h"
#include "api/model_check_routes.h"
#include "api/model_status_routes.h"
#include "api/notification_routes.h"
#include "api/webhook_dispatcher.h"
#include "api/webhook_routes.h"
#include "api/workspace_routes.h"
#include "app/agent_brains.h"
#include "app/dashboard_routes.h"
#include "app/llm_transport.h"
#include "app/serve_config.h"
#include "app/web_chat.h"
#include "base/metrics.h"
#include "core/announcements.h"
#include "http/client.h"
#include "http/server.h"
#include "runtime/agent_builder.h"
#include "runtime/background_loop.h"
#include "runtime/intake.h"
#include "runtime/media_fetcher.h"
#include "runtime/presence.h"
#include "runtime/pump.h"
#include "runtime/reply_pool.h"
#include "store/database.h"

namespace app {
namespace {

// How often due webhook retries are looked for when nothing new was committed.
constexpr auto kWebhookPoll = std::chrono::seconds{1};
// How often due media downloads (new ones, retries) are looked for.
constexpr auto kMediaPoll = std::chrono::seconds{1};
// A media download's deadline, and the largest file downloaded (a document's limit).
constexpr auto kMediaTimeout = std::chrono::seconds{60};
constexpr std::size_t kMaxMediaBytes = 100 * 1024 * 1024;
// How often expired sessions are deleted (and their live streams ended).
constexpr auto kSessionSweep = std::chrono::hours{1};

// Hears what the other instances serving the database announce, for as long as it lives: their
// decisions reach this instance's dashboards and web chats, their stream endings end its streams.
class HearingOtherInstances {
 public:
  HearingOtherInstances(core::Announcements& announcements, core::Crm& crm, core::MediaStore& media,
                        api::LiveFeed& feed, WebChatHub& hub,
                        const std::function<void(std::string_view)>& log)
      : announcements_(announcements) {
    announcements_.Listen(
        [&crm, &media, &feed, &hub, log](const core::Announcement& a) {
          if (a.kind != core::AnnouncementKind::kDecision) {
            return api::PublishHeard(feed, crm, media, a);
          }
          if (!feed.Watched(a.workspace_id) && !hub.Watched(a.conversation_id)) return;
          auto decision = api::ReadAnnouncedDecision(crm, a);
          if (!decision.ok()) return log("live streams: " + decision.error().message);
          hub.Publish(*decision);
          api::PublishDecision(feed, crm, media, *decision);
        },
        [&feed, &hub, log] {
          log("live streams: announcements may have been missed; streams end and reload");
          feed.EndAll();
          hub.EndAll();
        });
  }
  ~HearingOtherInstances() { announcements_.StopListening(); }
  HearingOtherInstances(const HearingOtherInstances&) = delete;
  HearingOtherInstances& operator=(const HearingOtherInstances&) = delete;

 private:
  core::Announcements& announcements_;
};

runtime::Transport GraphTransport(const http::Client& client, std::string base_url,
                                  base::Duration timeout) {
  return [&client, base_url = std::move(base_url),
          timeout](const channels::OutboundRequest& r) -> base::Result<runtime::TransportReply> {
    http::ClientRequest request;
    request.method = r.method;
    request.url = base_url + r.path;
    for (const channels::Header& h : r.headers) request.headers.push_back({h.name, h.value});
    request.body = r.body;
    request.timeout = timeout;
    auto response = client.Send(request);
    if (!response.ok()) return response.error();
    return runtime::TransportReply{response->status, std::move(response->body)};
  };
}

// The Graph API for media: a path relative to `base_url`, or an absolute URL (the bytes).
runtime::MediaTransport MediaTransportOf(const http::Client& client, std::string base_url) {
  return [&client, base_url = std::move(base_url)](
             const channels::OutboundRequest& r) -> base::Result<runtime::MediaReply> {
    http::ClientRequest request;
    request.method = r.method;
    const bool absolute = r.path.starts_with("https://") || r.path.starts_with("http://");
    request.url = absolute ? r.path : base_url + r.path;
    for (const channels::Header& h : r.headers) request.headers.push_back({h.name, h.value});
    request.body = r.body;
    request.timeout = kMediaTimeout;
    http::ClientFailure failure = http::ClientFailure::kNone;
    auto response = client.Send(request, &failure);
    if (failure == http::ClientFailure::kResponseTooLarge) {
      return runtime::MediaReply{.too_large = true};
    }
    if (!response.ok()) return response.error();
    return runtime::MediaReply{response->status, response->Header("Content-Type").value_or(""),
                               std::move(response->body)};
  };
}

// Where received files are kept: media.path, else "media" beside the database file.
// The queue-depth gauges, measured when scraped.
class QueueGauges {
 public:
  QueueGauges(base::Metrics& metrics, core::Store& store, core::CallbackQueue& callbacks,
              core::Outbox& outbox, const base::Clock& clock)
      : store_(store),
        callbacks_(callbacks),
        outbox_(outbox),
        clock_(clock),
        deliveries_(metrics.AddGaugeFamily(
            "callback_queue", "Meta's callbacks in the callback queue, by state.", {"state"})),
        messages_(metrics.AddGaugeFamily("outbox_messages", "Messages in the outbox, by state.",
                                         {"state"})),
        replies_(metrics.AddGauge("replies_due",
                                  "Replies owed now: due, or being answered by the reply pool.")) {}

  // Measures; a store error leaves the previous values.
  void Refresh() {
    const base::TimePoint now = clock_.Now();
    if (auto d = callbacks_.MeasureCallbacks(now); d.ok()) {
      deliveries_.WithLabels({"due"}).Set(static_cast<double>(d->due));
      deliveries_.WithLabels({"waiting"}).Set(static_cast<double>(d->waiting));
      deliveries_.WithLabels({"parked"}).Set(static_cast<double>(d->parked));
    }
    if (auto d = outbox_.MeasureOutbox(now); d.ok()) {
      messages_.WithLabels({"due"}).Set(static_cast<double>(d->due));
      messages_.WithLabels({"waiting"}).Set(static_cast<double>(d->waiting));
      messages_.WithLabels({"sending"}).Set(static_cast<double>(d->sending));
    }
    if (auto n = store_.CountDueTimers(core::TimerKind::kReply, now); n.ok()) {
      replies_.Set(static_cast<double>(*n));
    }
  }

 private:
  core::Store& store_;
  core::CallbackQueue& callbacks_;
  core::Outbox& outbox_;
  const base::Clock& clock_;
  base::GaugeFamily& deliveries_;
  base::GaugeFamily& messages_;
  base::Gauge& replies_;
};

void AddOperatorRoutes(http::Router& router, core::Store& store, const base::Clock& clock,
                       const base::Metrics& metrics, QueueGauges& queues) {
  router.Get("/healthz", [](const http::Request&) { return http::Response::Text(200, "ok"); });
  router.Get("/readyz", [&store, &clock](const http::Request&) {
    // Ready when the database answers.
    if (!store.DueTimers(core::TimerKind::kResume, clock.Now(), 1).ok())
      return http::Response::Unavailable();
    return http::Response::Text(200, "ready");
  });
  router.Get("/metrics", [&metrics, &queues](const http::Request&) {
    queues.Refresh();
    http::Response r = http::Response::Text(200, metrics.Render());
    r.content_type = std::string(base::Metrics::kContentType);
    return r;
  });
}

// The name this instance serves under (ServeConfig::instance): as configured, else the host's
// name and the configured port, which a restart in place keeps.
std::string InstanceName(const ServeConfig& config) {
  if (!config.instance.empty()) return config.instance;
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0)
    return "frontdesk:" + std::to_string(config.server.port);
  return std::string(host) + ":" + std::to_string(config.server.port);
}

}  // namespace

int RunServe(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  auto config = ReadServeConfig(options.config);
  if (!config.ok()) {
    err << config.error().message << '\n';
    return 1;
  }
  std::mutex log_mutex;
  const auto log = [&](std::string_view line) {
    std::lock_guard lock(log_mutex);
    err << base::FormatTime(base::SystemClock().Now()) << ' ' << line << '\n' << std::flush;
  };
  auto opened =
      store::OpenDatabase(config->database_url, {.media_directory = config->media_path,
                                                 .serving = true,
                                                 .instance = InstanceName(*config),
                                                 .connections = config->database_connections});
  if (!opened.ok()) {
    err << "frontdesk serve: " << opened.error().message << '\n';
    return 1;
  }
  core::Store& store = (*opened)->store();
  core::Crm& crm = (*opened)->crm();
  core::Outbox& outbox = (*opened)->outbox();
  core::CallbackQueue& callbacks = (*opened)->callbacks();
  core::MediaStore& media = (*opened)->media();
  core::Users& users = (*opened)->users();
  core::ChannelAccounts& accounts = (*opened)->channel_accounts();
  const base::SystemClock clock;
  base::Metrics metrics;
  const http::CurlGlobal curl;
  if (!curl.status().ok()) {
    err << "frontdesk serve: " << curl.status().error().message << '\n';
    return 1;
  }
  const http::Client client(curl);

  // Workspaces whose agent thinks with `llm` share the instance's model and what it learned.
  brain::llm::LlmMetrics llm_metrics(metrics, config->llm.prices);
  brain::llm::EndpointState llm_endpoint((*opened)->token_usage(), config->llm.circuit,
                                         &llm_metrics);
  // Declared before the engine: its reply threads tell it what they are preparing.
  runtime::Presence presence(accounts,
                             GraphTransport(client, config->graph_base_url, config->graph_timeout),
                             config->outbox.api_version);
  runtime::Engine engine(store,
                         AgentBrains({.llm = &config->llm,
                                      .transport = LlmTransport(client),
                                      .clock = &clock,
                                      .endpoint = &llm_endpoint,
                                      .forced = std::nullopt,
                                      .log = log}),
                         clock);
  engine.SetThinkingObserver(
      [&presence](const core::ConversationSnapshot& s) { presence.Thinking(s); });
  runtime::AgentBuilder builder(store, engine, log);
  runtime::OutboxSender sender(
      outbox, accounts, media,
      GraphTransport(client, config->graph_base_url, config->graph_timeout), clock, config->outbox);
  runtime::IntakeSettings intake_settings;
  if (store::ParseDatabaseUrl(config->database_url)->backend == store::Backend::kPostgres) {
    intake_settings.per_transaction = 1;  // several instances may take callbacks side by side
  }
  runtime::Intake intake(callbacks, outbox, accounts, media, engine, clock, intake_settings);
  const http::Client media_client(curl, {.max_response_bytes = kMaxMediaBytes});
  runtime::MediaFetcher fetcher(media, accounts,
                                MediaTransportOf(media_client, config->graph_base_url), clock,
                                {.api_version = config->outbox.api_version});
  runtime::BackgroundLoop media_loop(
      [&] {
        auto run = fetcher.RunOnce();
        if (!run.ok()) log("media: " + run.error().message);
        return run.ok() && run->stored + run->refused + run->retried > 0;
      },
      kMediaPoll);
  runtime::Pump pump(intake, engine, sender, {}, log, metrics);
  runtime::ReplyPool replies(store, engine, clock, config->replies, log, metrics);
  api::WebhookDispatcher webhooks((*opened)->webhooks(), client, clock, {}, log);
  runtime::BackgroundLoop webhook_loop(
      [&] {
        auto delivered = webhooks.DeliverDue();
        if (!delivered.ok()) log("webhooks: " + delivered.error().message);
        return delivered.ok() && *delivered > 0;
      },
      kWebhookPoll);
  WebChatHub hub(media);
  api::LiveFeed feed(&(*opened)->announcements());
  runtime::BackgroundLoop session_sweep(
      [&] {
        const base::TimePoint now = clock.Now();
        if (auto deleted = users.DeleteExpiredSessions(now); !deleted.ok()) {
          log("sessions: " + deleted.error().message);
        }
        feed.EndExpiredSessions(now);
        return false;  // one pass deletes them all
      },
      kSessionSweep);
  fetcher.SetObserver([&feed](const core::Media& m) { api::PublishMedia(feed, m); });
  pump.SetDeliveryObserver([&feed](const std::vector<core::DeliveryChange>& changes) {
    api::PublishDeliveries(feed, changes);
  });
  auto& messages =
      metrics.AddCounterFamily("messages_total", "Messages committed, by author.", {"author"});
  engine.SetObserver([&](const core::Decision& d) {
    hub.Publish(d);
    api::PublishDecision(feed, crm, media, d);
    bool outgoing = false;
    for (const core::Message& m : d.messages) {
      messages.WithLabels({std::string(core::ToString(m.author))}).Increment();
      outgoing = outgoing || m.delivery == core::DeliveryStatus::kQueued;
    }
    if (outgoing) pump.WakeSender();
    for (const core::TimerChange& t : d.timers) {
      if (t.kind == core::TimerKind::kReply && t.due_at && *t.due_at <= clock.Now()) {
        replies.Wake();
      }
    }
    if (!d.messages.empty()) webhook_loop.Wake();
  });

  // Test connection: checks run on threads of their own, joined before the client goes.
  api::ModelCheckJobs model_checks(clock);

  http::Router router;
  QueueGauges queues(metrics, store, callbacks, outbox, clock);
  AddOperatorRoutes(router, store, clock, metrics, queues);
  api::AddCallbackRoutes(router,
                         {callbacks, accounts, clock, metrics, [&pump] { pump.WakeIntake(); }});
  AddWebChatRoutes(router, store, media, engine, clock, hub);
  AddDashboardRoutes(router);
  api::Auth auth(users, clock, config->auth);
  api::AddAuthRoutes(router, auth, users, feed, config->auth_routes);
  api::AddMemberRoutes(router, auth, store, users, clock, feed);
  api::AddWorkspaceRoutes(router, auth, store, users);
  api::AddConfigRoutes(router, auth, store, users, builder);
  api::AddCatalogRoutes(router, auth, store, users, builder);
  api::AddModelCheckRoutes(router, auth, store, users, model_checks,
                           AgentModelChecker(config->llm, LlmTransport(client), clock));
  api::AddModelStatusRoutes(
      router, auth, store, users,
      config->llm.enabled() ? core::ModelStatus([&llm_endpoint] { return llm_endpoint.problem(); })
                            : core::ModelStatus());
  api::AddChannelRoutes(router, auth, store, users, accounts);
  api::AddWebhookRoutes(router, auth, store, users, (*opened)->webhooks(), clock);
  api::AddLiveRoutes(router, auth, store, users, feed);
  const api::CrmContext crm_context{auth, store, users, crm, engine, clock, feed, media};
  api::AddConversationRoutes(router, crm_context);
  api::AddAttachmentRoutes(router, crm_context);
  api::AddConversationActionRoutes(router, crm_context);
  api::AddLeadExportRoutes(router, crm_context);
  api::AddLeadRoutes(router, crm_context);
  api::AddNotificationRoutes(router, crm_context);
  const HearingOtherInstances hearing((*opened)->announcements(), crm, media, feed, hub, log);
  http::ServerSettings server_settings = config->server;
  server_settings.error_log = log;
  http::Server server(server_settings, std::move(router), metrics);
  auto port = server.Start();
  if (!port.ok()) {
    err << "frontdesk serve: " << port.error().message << '\n';
    return 1;
  }
  // What a previous process had claimed when it stopped goes out now; what it was sending is
  // never sent twice.
  auto recovered = outbox.RecoverOutbox();
  if (!recovered.ok()) {
    err << "frontdesk serve: " << recovered.error().message << '\n';
    return 1;
  }
  if (*recovered > 0) {
    log(std::to_string(*recovered) +
        " message(s) were being sent when the server stopped: marked "
        "failed, not sent again");
  }
  pump.Start();
  replies.Start();
  webhook_loop.Start();
  media_loop.Start();
  session_sweep.Start();
  const std::string base = "http://" + config->server.address + ":" + std::to_string(*port);
  out << "frontdesk serving on " << base << "\n"
      << "  dashboard: " << base << "/app/\n"
      << "  web chat:  " << base << "/chat/WORKSPACE\n"
      << "  webhooks:  " << base << "/webhooks/whatsapp | messenger | instagram\n"
      << "  health:    " << base << "/healthz  " << base << "/readyz  " << base << "/metrics\n"
      << std::flush;
  server.RunUntilSignal(config->shutdown_grace);
  pump.Stop();
  replies.Stop();
  webhook_loop.Stop();
  media_loop.Stop();
  session_sweep.Stop();
  log("stopped");
  return 0;
}

}  // namespace app
