#include "sim/ensemble/calibration_files.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "sim/core/atomic_folder.hpp"
#include "sim/core/error.hpp"
#include "sim/core/version.hpp"
#include "sim/ensemble/results_files.hpp"
#include "sim/ensemble/csv_writer.hpp"
#include "sim/params/uncertainty.hpp"

namespace revolve::ensemble {
namespace {

namespace fs = std::filesystem;

bool left_out(const CalibrationRecord& r, std::size_t target) {
  return std::find(r.fit.left_out.begin(), r.fit.left_out.end(), target) != r.fit.left_out.end();
}

}  // namespace

void write_fit(RowSink& csv, const CalibrationRecord& r) {
  for (const char* name : {"number", "target", "unit", "value", "low", "high", "sd", "before", "after", "z_before",
                           "z_after", "in_objective"})
    csv.text(name);
  csv.end_row();
  for (std::size_t t = 0; t < r.plan.targets.size(); ++t) {
    const FitTarget& target = r.plan.targets[t];
    const double sd = target_sd(target), before = r.fit.start.means[t], after = r.fit.best.means[t];
    csv.number(static_cast<double>(r.plan.target_numbers[t])).text(target.name).text(target.unit);
    csv.number(target.value).number(target.low).number(target.high).number(sd).number(before).number(after);
    csv.number((before - target.value) / sd).number((after - target.value) / sd);
    csv.text(left_out(r, t) ? "no" : "yes");
    csv.end_row();
  }
}

void write_parameters(RowSink& csv, const CalibrationRecord& r) {
  for (const char* name : {"parameter", "unit", "low", "high", "start", "fitted"}) csv.text(name);
  csv.end_row();
  for (std::size_t i = 0; i < r.plan.parameters.size(); ++i) {
    const FitParameter& p = r.plan.parameters[i];
    csv.text(p.name).text(r.plan.units[i]).number(p.low).number(p.high).number(p.start).number(r.fit.best.values[i]);
    csv.end_row();
  }
}

void write_evaluations(RowSink& csv, const CalibrationRecord& r) {
  csv.text("evaluation").text("objective");
  for (const auto& p : r.plan.parameters) csv.text(p.name);
  csv.end_row();
  for (const FitEvaluation& e : r.fit.history) {
    csv.number(e.number).number(e.objective);
    for (double v : e.values) csv.number(v);
    csv.end_row();
  }
}

namespace {

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw InputError(path.string() + ": write failed (disk full?)");
}

/// A YAML double-quoted string.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

/// `file` as `extends:` would reach it from a scenario in `dir`.
std::string path_from(const fs::path& dir, const fs::path& file) {
  const fs::path relative = fs::absolute(file).lexically_relative(fs::absolute(dir));
  return relative.empty() ? fs::absolute(file).string() : relative.generic_string();
}

}  // namespace

std::string calibrated_scenario(const CalibrationRecord& r, const fs::path& dir) {
  using params::format_number;
  std::ostringstream yaml;
  yaml << "# Written by `revolve calibrate`: " << r.plan.parameters.size() << " parameter"
       << (r.plan.parameters.size() == 1 ? "" : "s") << " fitted to " << r.plan.targets.size() - r.fit.left_out.size()
       << " targets with " << r.plan.runs << " runs, seed " << r.plan.seed << ".\n"
       << "# Objective (the sum over targets of ((model mean - target) / target sd)^2): "
       << format_number(r.fit.start.objective, 4) << " at the starting values, " << format_number(r.fit.best.objective, 4)
       << " here.\n"
       << "# `revolve run` of this file, with the runs and seed below, reproduces the fitted means in fit.csv.\n"
       << "scenario: " << quoted(r.plan.scenario.label + " (calibrated)") << "\n"
       << "extends: " << quoted(path_from(dir, r.plan.scenario.file)) << "\n"
       << "runs: " << r.plan.runs << "\n"
       << "seed: " << r.plan.seed << "\n"
       << "parameters:\n";
  for (std::size_t i = 0; i < r.plan.parameters.size(); ++i) {
    const FitParameter& p = r.plan.parameters[i];
    yaml << "  " << p.name << ": " << format_number(r.fit.best.values[i]) << "  # " << r.plan.units[i] << ", from "
         << format_number(p.start) << ", searched " << format_number(p.low) << " to " << format_number(p.high) << "\n";
  }
  return yaml.str();
}

nlohmann::json calibration_manifest(const CalibrationRecord& r) {
  nlohmann::json manifest = {{"revolve_version", revolve::version}, {"code_version", revolve::git_version}};
  manifest.update(r.manifest);
  manifest["algorithm"] = to_string(r.algorithm);
  manifest["max_evaluations"] = r.max_evaluations;
  manifest["scenario"] = scenario_manifest(*r.plan.model->prepare(r.plan.scenario));
  manifest["runs"] = r.plan.runs;
  manifest["seed"] = r.plan.seed;
  manifest["evaluations"] = r.fit.history.size();
  manifest["stopped"] = r.fit.stopped;
  manifest["objective"] = {{"start", r.fit.start.objective}, {"fitted", r.fit.best.objective}};
  manifest["common_random_numbers"] = "every evaluation runs the same runs under the same seed";
  return manifest;
}

void save_calibration(const fs::path& dir, const CalibrationRecord& r, bool force) {
  AtomicFolder out(dir, force);
  {
    CsvWriter fit(out.path() / "fit.csv"), parameters(out.path() / "parameters.csv"),
        evaluations(out.path() / "evaluations.csv");
    write_fit(fit, r);
    write_parameters(parameters, r);
    write_evaluations(evaluations, r);
  }  // closed (and checked) before the folder is committed
  write_text(out.path() / "calibrated.yaml", calibrated_scenario(r, dir));
  write_text(out.path() / "manifest.json", calibration_manifest(r).dump(2) + "\n");
  out.commit();
}

}  // namespace revolve::ensemble
