// Stock-flow engine benchmark: a generated chain of K stocks (5 equations per node) run for
// 1,000 Euler steps. Prints one JSON line per configuration. See bench/RESULTS.md.
//
// Per node i = 1..K:
//   pressure_i = S_i / cap_i                                 cap_i = 50 + (7 i mod 13)
//   crowding_i = pressure_i^2 / (1 + pressure_i^2)
//   rate_i     = k_i * driver * crowding_i                   k_i = 0.05 + 0.001 (i mod 10)
//   F_i        = rate_i * S_i                                flow S_i -> S_{i+1}
//   S_i        = stock, inflow F_{i-1} (source for i = 1), outflow F_i, initial 100 + (i mod 17)
// Globals: source = 10, driver = 1 + 0.5 SIN(TIME / 10).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "sim/sd/compiler.hpp"
#include "sim/sd/simulation.hpp"

using namespace revolve;

namespace {

sd::Model chain(int k, int steps) {
  sd::Model m;
  m.name = "chain" + std::to_string(k);
  m.specs = {0.0, steps * 0.25, 0.25, 0.0, sd::Method::euler};
  m.constant("source", 10);
  m.aux("driver", "1 + 0.5 * SIN(TIME / 10)");
  for (int i = 1; i <= k; ++i) {
    const std::string n = std::to_string(i);
    m.stock("S" + n, std::to_string(100 + i % 17), {i == 1 ? "source" : "F" + std::to_string(i - 1)}, {"F" + n});
    m.flow("F" + n, "rate" + n + " * S" + n);
    m.aux("pressure" + n, "S" + n + " / " + std::to_string(50 + (7 * i) % 13));
    m.aux("crowding" + n, "pressure" + n + "^2 / (1 + pressure" + n + "^2)");
    m.aux("rate" + n, std::to_string(0.05 + 0.001 * (i % 10)) + " * driver * crowding" + n);
  }
  // The source is a constant-valued flow into S1.
  m.variables.front().kind = sd::VariableKind::flow;
  return m;
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Stock-flow engine benchmark: a generated chain model, Euler and RK4."};
  int k = 2000, steps = 1000, repeats = 5;
  app.add_option("--stocks", k, "Stocks in the chain (5 equations each)")->capture_default_str();
  app.add_option("--steps", steps, "Steps of dt 0.25")->capture_default_str();
  app.add_option("--repeats", repeats, "Runs per configuration (the fastest is reported)")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  const sd::Model model = chain(k, steps);
  auto compiled = std::make_shared<const sd::CompiledModel>(sd::compile(model));
  const double compile_s = std::chrono::duration<double>(clock::now() - t0).count();
  const double equations = static_cast<double>(compiled->equation_count());
  std::size_t stretches = 0;  // runs of one operation: what the evaluator dispatches on
  for (std::size_t i = 0; i < compiled->flow_code.size(); ++i) {
    stretches += i == 0 || compiled->flow_code[i].op != compiled->flow_code[i - 1].op;
  }
  std::printf("{\"model\": \"%s\", \"equations\": %.0f, \"instructions_per_step\": %zu, \"stretches_per_step\": %zu, "
              "\"compile_seconds\": %.4f}\n",
              model.name.c_str(), equations, compiled->flow_code.size(), stretches, compile_s);

  struct Config {
    const char* name;
    sd::Method method;
    bool save_all;
  };
  for (const Config c : {Config{"euler, save every variable", sd::Method::euler, true},
                         Config{"euler, save one variable", sd::Method::euler, false},
                         Config{"rk4, save every variable", sd::Method::rk4, true}}) {
    double best = 1e300;
    for (int r = 0; r < repeats; ++r) {
      sd::Simulation sim(compiled);
      sd::RunOptions options;
      options.method = c.method;
      if (!c.save_all) options.save = {"S" + std::to_string(k)};
      const auto start = clock::now();
      const auto results = sim.run(options);
      best = std::min(best, std::chrono::duration<double>(clock::now() - start).count());
      if (results.rows() != static_cast<std::size_t>(steps) + 1) return 1;
    }
    std::printf("{\"config\": \"%s\", \"seconds\": %.4f, \"equation_evaluations_per_second\": %.3g, "
                "\"peak_rss_mb\": %.1f}\n",
                c.name, best, equations * steps / best, peak_rss_mb());
  }
  return 0;
}
