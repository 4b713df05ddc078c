#include "fake_model.h"

#include <thread>

namespace bench {

FakeModel::FakeModel(const LlmShop& shop, FakeModelSettings settings)
    : shop_(shop), settings_(std::move(settings)) {
  for (const ShopProduct& p : shop_.products) answers_.push_back(RespondCompletion(p));
  loopback_.server.new_task_queue = [threads = settings_.threads] {
    return new httplib::ThreadPool(threads);
  };
  loopback_.server.set_tcp_nodelay(true);
  loopback_.server.set_keep_alive_max_count(1 << 30);
  loopback_.server.Post(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
    const int now_in_flight = ++in_flight_;
    int peak = peak_in_flight_;
    while (now_in_flight > peak && !peak_in_flight_.compare_exchange_weak(peak, now_in_flight)) {
    }
    ++calls_;
    const std::string_view asked = LastCustomerWords(req.body);
    const ShopProduct* product = AskedProduct(shop_, asked);
    const bool slow =
        !settings_.slow_word.empty() && asked.find(settings_.slow_word) != std::string_view::npos;
    std::this_thread::sleep_for(slow ? settings_.slow_delay : settings_.delay);
    if (product != nullptr) {
      res.set_content(answers_[static_cast<std::size_t>(product - shop_.products.data())],
                      "application/json");
    } else {
      ++unknown_;
      res.status = 400;
      res.set_content(R"({"error":{"message":"no product named","type":"invalid_request_error"}})",
                      "application/json");
    }
    --in_flight_;
  });
  started_ = loopback_.Start();
}

}  // namespace bench
