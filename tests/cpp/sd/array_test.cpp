// Arrays: apply-to-all and per-element equations, reductions, and equivalence with the same model
// written out element by element.
#include <catch2/catch.hpp>

#include "tests/cpp/sd/support.hpp"

using namespace revolve;
using revolve::test::run_model;

namespace {

const std::vector<std::string> groups = {"young", "women", "chronic"};
const std::vector<std::string> services = {"housing", "health", "justice", "support"};

// Cohorts queue for services: arrivals per group are shared across services by a weight per
// service; each queue drains at a rate per service; total demand per service sums over groups.
sd::Model arrayed() {
  sd::Model m;
  m.specs = {0.0, 12.0, 0.25, 0.0, sd::Method::euler};
  m.dimension("group", groups);
  m.dimension("service", services);
  auto& arrivals = m.aux("arrivals", "");
  arrivals.dimensions = {"group"};
  arrivals.elements = {{{"young"}, "5", {}}, {{"women"}, "3", {}}, {{"chronic"}, "2 + TIME / 10", {}}};
  auto& weight = m.aux("weight", "");
  weight.dimensions = {"service"};
  weight.elements = {{{"housing"}, "0.4", {}}, {{"health"}, "0.3", {}}, {{"justice"}, "0.2", {}}, {{"support"}, "0.1", {}}};
  auto& rate = m.aux("exit rate", "0.1 * service_index");
  rate.dimensions = {"service"};
  auto& index = m.aux("service index", "");
  index.dimensions = {"service"};
  index.elements = {{{"housing"}, "1", {}}, {{"health"}, "2", {}}, {{"justice"}, "3", {}}, {{"support"}, "4", {}}};
  auto& queue = m.stock("queue", "1", {"joining"}, {"leaving"});
  queue.dimensions = {"group", "service"};
  auto& joining = m.flow("joining", "arrivals[group] * weight[service]");
  joining.dimensions = {"group", "service"};
  auto& leaving = m.flow("leaving", "queue * exit_rate");
  leaving.dimensions = {"group", "service"};
  auto& demand = m.aux("demand", "SUM(queue[*, service])");
  demand.dimensions = {"service"};
  m.aux("total", "SUM(queue[*, *])");
  m.aux("mean young", "MEAN(queue[young, *])");
  m.aux("largest", "MAX(queue[*, health])");
  return m;
}

sd::Model written_out() {
  sd::Model m;
  m.specs = {0.0, 12.0, 0.25, 0.0, sd::Method::euler};
  const std::vector<std::string> arrivals = {"5", "3", "2 + TIME / 10"};
  const std::vector<std::string> weights = {"0.4", "0.3", "0.2", "0.1"};
  std::string total;
  for (std::size_t s = 0; s < services.size(); ++s) {
    std::string demand;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const std::string id = groups[g] + "_" + services[s];
      m.stock("queue " + id, "1", {"joining " + id}, {"leaving " + id});
      m.flow("joining " + id, "(" + arrivals[g] + ") * " + weights[s]);
      m.flow("leaving " + id, "queue_" + id + " * (0.1 * " + std::to_string(s + 1) + ")");
      demand += (g ? " + " : "") + ("queue_" + id);
    }
    m.aux("demand " + services[s], demand);
    total += (s ? " + " : "") + ("demand_" + services[s]);
  }
  m.aux("total", total);
  return m;
}

}  // namespace

TEST_CASE("a 3 x 4 arrayed model gives the same results as the model written out element by element") {
  const auto a = run_model(arrayed());
  const auto b = run_model(written_out());
  for (const auto& g : groups) {
    for (const auto& s : services) {
      INFO(g << ", " << s);
      CHECK(a.column("queue[" + g + "," + s + "]") == b.column("queue " + g + "_" + s));
      CHECK(a.column("leaving[" + g + "," + s + "]") == b.column("leaving " + g + "_" + s));
    }
  }
  for (const auto& s : services) {
    const auto x = a.column("demand[" + s + "]"), y = b.column("demand " + s);
    for (std::size_t i = 0; i < x.size(); ++i) CHECK(x[i] == Approx(y[i]).epsilon(1e-14));
  }
  const auto x = a.column("total"), y = b.column("total");
  for (std::size_t i = 0; i < x.size(); ++i) CHECK(x[i] == Approx(y[i]).epsilon(1e-14));
}

TEST_CASE("array reductions: MEAN and MAX over one dimension") {
  const auto r = run_model(arrayed());
  const std::size_t row = 10;
  double mean_young = 0;
  for (const auto& s : services) mean_young += r.column("queue[young," + s + "]")[row] / 4;
  CHECK(r.column("mean young")[row] == Approx(mean_young));
  double largest = 0;
  for (const auto& g : groups) largest = std::max(largest, r.column("queue[" + g + ",health]")[row]);
  CHECK(r.column("largest")[row] == largest);
}

TEST_CASE("elements are named name[element, element] in results") {
  const auto r = run_model(arrayed());
  CHECK(r.names[0] == "arrivals[young]");
  CHECK(std::find(r.names.begin(), r.names.end(), "queue[women,justice]") != r.names.end());
}
