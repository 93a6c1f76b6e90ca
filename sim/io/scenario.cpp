#include "sim/io/scenario.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <sstream>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include "sim/core/error.hpp"
#include "sim/core/files.hpp"
#include "sim/core/hash.hpp"
#include "sim/core/suggest.hpp"

namespace revolve::io {
namespace fs = std::filesystem;

double Window::level_at(double t) const {
  if (t < start || t >= stop) return 0.0;
  if (scale_up <= 0.0 || t >= start + scale_up) return level;
  return level * (t - start) / scale_up;
}

double InterventionSetting::level_at(double t) const {
  for (const Window& w : windows) {
    if (t >= w.start && t < w.stop) return w.level_at(t);
  }
  return 0.0;
}

namespace {

const std::set<std::string> top_level_keys = {"scenario", "description", "extends", "model", "horizon_years",
                                              "population_scale", "seed", "runs", "outputs", "parameters",
                                              "interventions", "cohort"};
const std::set<std::string> window_keys = {"start", "scale_up", "stop", "level"};

std::string list_of(const std::set<std::string>& keys) {
  std::string out;
  for (const auto& k : keys) out += (out.empty() ? "" : ", ") + k;
  return out;
}

std::string format(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

std::string horizon_beyond_limit(double years) {
  return "'horizon_years' " + format(years) + " is above the limit of " + format(limits::horizon_years) + " years";
}

/// Reads one scenario file's YAML, with the file name for every message.
class Layer {
 public:
  explicit Layer(fs::path file) : file_(std::move(file)) {}

  YAML::Node load() const {
    std::string text;
    try {
      text = read_text_file(file_, limits::file_bytes);
    } catch (const InputError& e) {
      throw ScenarioError(e.what());  // names the file; a scenario's problems are ScenarioErrors
    }
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::DeepRecursion& e) {
      throw ScenarioError(where(file_.string(), e.mark.line + 1) + "malformed YAML: lists or mappings nested more than " +
                          std::to_string(e.depth() - 1) + " deep");
    } catch (const YAML::ParserException& e) {
      throw ScenarioError(where(file_.string(), e.mark.line + 1) + "malformed YAML: " + e.msg);
    }
    if (!root.IsMap()) throw ScenarioError(where(file_.string(), 1) + "a scenario file is a YAML mapping of keys to values");
    std::size_t budget = limits::yaml_nodes;
    std::vector<YAML::Node> holders;
    reject_repeated_keys(root, budget, holders);
    for (const auto& kv : root) {
      const auto key = key_text(kv.first);
      if (!top_level_keys.count(key)) {
        fail(kv.first, "unknown key '" + key + "' (allowed: " + list_of(top_level_keys) + ")");
      }
    }
    return root;
  }

  /// yaml-cpp keeps both pairs of a repeated key and finds the first: refuse, naming both lines. `budget`
  /// counts the nodes visited, aliases included, so a file of nested aliases cannot keep this busy. `holders`
  /// are the lists and mappings that hold `node`: an alias inside its own anchor (`a: &x {b: *x}`) makes
  /// the values a cycle, which would recurse until the stack overflowed.
  void reject_repeated_keys(const YAML::Node& node, std::size_t& budget, std::vector<YAML::Node>& holders) const {
    if (budget-- == 0) fail(node, "more than " + std::to_string(limits::yaml_nodes) + " YAML values (aliases counted)");
    if (!node.IsSequence() && !node.IsMap()) return;
    for (const YAML::Node& holder : holders) {
      if (holder.is(node)) fail(node, "an alias refers to a value that holds it, so the value would contain itself");
    }
    holders.push_back(node);
    if (node.IsSequence()) {
      for (const auto& item : node) reject_repeated_keys(item, budget, holders);
    } else {
      std::map<std::string, int> lines;
      for (const auto& kv : node) {
        const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : describe(kv.first);
        const auto [it, added] = lines.emplace(key, kv.first.Mark().line + 1);
        if (!added) fail(kv.first, "repeated key '" + key + "' (first at line " + std::to_string(it->second) + ")");
        reject_repeated_keys(kv.second, budget, holders);
      }
    }
    holders.pop_back();
  }

  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    throw ScenarioError(where(file_.string(), node.Mark().line + 1) + message);
  }

  params::Origin origin(const YAML::Node& node) const { return {file_.string(), node.Mark().line + 1}; }

  /// A mapping's key. YAML allows a list or a mapping as a key (`? [a, b]`), which yaml-cpp cannot give as text:
  /// its exception named neither the file nor the line.
  std::string key_text(const YAML::Node& node) const {
    if (node.IsSequence() || node.IsMap()) fail(node, "a key must be a single value, not " + describe(node));
    return node.as<std::string>();
  }

  std::string text(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar()) fail(node, "'" + key + "' must be a single value");
    return node.as<std::string>();
  }

  double number(const YAML::Node& node, const std::string& key) const {
    if (node.IsScalar()) {
      try {
        const double v = node.as<double>();
        if (std::isfinite(v)) return v;
      } catch (const YAML::Exception&) {
      }
    }
    fail(node, "'" + key + "' must be a number, got '" + describe(node) + "'");
  }

  double positive(const YAML::Node& node, const std::string& key) const {
    const double v = number(node, key);
    if (!(v > 0)) fail(node, "'" + key + "' must be positive, got " + describe(node));
    return v;
  }

  /// A whole number written with digits, read exactly (a double would turn 9007199254740993 into ...992).
  std::uint64_t whole(const YAML::Node& node, const std::string& key, std::uint64_t lowest, std::uint64_t highest) const {
    std::uint64_t value = 0;
    if (node.IsScalar()) {
      const std::string& text = node.Scalar();
      const char* first = text.data() + (text.size() > 1 && text[0] == '+' ? 1 : 0);
      const auto parsed = std::from_chars(first, text.data() + text.size(), value);
      if (parsed.ec == std::errc() && parsed.ptr == text.data() + text.size() && value >= lowest && value <= highest) {
        return value;
      }
    }
    fail(node, "'" + key + "' must be a whole number from " + std::to_string(lowest) + " to " + std::to_string(highest) +
                   ", got '" + describe(node) + "'");
  }

  static std::string describe(const YAML::Node& node) {
    if (node.IsScalar()) return node.as<std::string>();
    if (node.IsSequence()) return "a list";
    if (node.IsMap()) return "a mapping";
    return "nothing";
  }

  void read_parameters(const YAML::Node& node, Scenario& s) const {
    if (!node.IsMap()) fail(node, "'parameters' must map parameter names to values");
    for (const auto& kv : node) {
      params::Override o;
      o.name = key_text(kv.first);
      o.origin = origin(kv.first);
      const YAML::Node& v = kv.second;
      if (v.IsMap()) {
        for (const auto& field : v) {
          const auto k = key_text(field.first);
          if (k != "value" && k != "unit") fail(field.first, "unknown key '" + k + "' in parameter '" + o.name + "' (allowed: value, unit)");
        }
        if (!v["value"]) fail(v, "parameter '" + o.name + "' needs a 'value'");
        o.value = number(v["value"], o.name);
        if (v["unit"]) o.unit = text(v["unit"], "unit");
      } else {
        o.value = number(v, o.name);
      }
      s.parameters.push_back(std::move(o));
    }
  }

  Window window(const YAML::Node& node, const std::string& name) const {
    if (!node.IsMap()) fail(node, "a schedule window of '" + name + "' must be a mapping with start, scale_up, stop, level");
    for (const auto& kv : node) {
      const auto k = key_text(kv.first);
      if (!window_keys.count(k)) {
        fail(kv.first, "unknown key '" + k + "' in the schedule of '" + name + "' (allowed: " + list_of(window_keys) + ")");
      }
    }
    Window w;
    w.origin = origin(node);
    if (node["start"]) w.start = number(node["start"], "start");
    if (node["scale_up"]) w.scale_up = number(node["scale_up"], "scale_up");
    if (node["stop"]) w.stop = number(node["stop"], "stop");
    if (node["level"]) w.level = number(node["level"], "level");
    if (w.start < 0) fail(node["start"], "'start' of '" + name + "' must not be negative");
    if (w.scale_up < 0) fail(node["scale_up"], "'scale_up' of '" + name + "' must not be negative");
    if (w.level < 0) fail(node["level"], "'level' of '" + name + "' must not be negative");
    if (!(w.stop > w.start)) fail(node["stop"], "'stop' of '" + name + "' must come after its start");
    return w;
  }

  InterventionSetting intervention(const std::string& name, const YAML::Node& node) const {
    InterventionSetting setting;
    setting.name = name;
    setting.origin = origin(node);
    if (node.IsMap() && node["schedule"]) {
      if (node.size() != 1) fail(node, "'" + name + "' has a 'schedule' list: put start, scale_up, stop and level in its windows");
      const YAML::Node& list = node["schedule"];
      if (!list.IsSequence() || list.size() == 0) fail(list, "'schedule' of '" + name + "' must be a list of windows");
      for (const auto& item : list) setting.windows.push_back(window(item, name));
    } else if (node.IsMap() && node.size() == 0) {
      setting.windows.push_back(Window{});
      setting.windows.back().origin = setting.origin;
    } else {
      setting.windows.push_back(window(node, name));
    }
    std::sort(setting.windows.begin(), setting.windows.end(),
              [](const Window& a, const Window& b) { return a.start < b.start; });
    for (std::size_t i = 1; i < setting.windows.size(); ++i) {
      const Window& before = setting.windows[i - 1];
      const Window& after = setting.windows[i];
      if (after.start < before.stop) {
        throw ScenarioError(where(after.origin.file, after.origin.line) + "overlapping schedule: this window of '" + name +
                            "' starts at " + format(after.start) + " years, before the window at line " +
                            std::to_string(before.origin.line) + " stops (" + format(before.stop) + " years)");
      }
    }
    return setting;
  }

  void read_interventions(const YAML::Node& node, Scenario& s) const {
    if (!node.IsMap()) fail(node, "'interventions' must map intervention names to their schedules");
    for (const auto& kv : node) {
      const auto name = key_text(kv.first);
      if (kv.second.IsScalar() && (kv.second.as<std::string>() == "off" || kv.second.as<std::string>() == "false")) {
        s.interventions.erase(name);
        continue;
      }
      if (kv.second.IsScalar() && (kv.second.as<std::string>() == "on" || kv.second.as<std::string>() == "true")) {
        s.interventions[name] = intervention(name, YAML::Node(YAML::NodeType::Map));
        s.interventions[name].origin = origin(kv.first);
        continue;
      }
      s.interventions[name] = intervention(name, kv.second);
    }
  }

  /// A closed cohort: its size and, per column, shares that are numbers from 0 to 1 summing to 1.
  CohortSetting cohort(const YAML::Node& node) const {
    if (!node.IsMap()) fail(node, "'cohort' must be a mapping: people, then shares of starting states by column");
    CohortSetting c;
    c.origin = origin(node);
    if (!node["people"]) fail(node, "'cohort' needs 'people': how many people the closed cohort holds");
    c.people = positive(node["people"], "cohort.people");
    for (const auto& kv : node) {
      const std::string column = key_text(kv.first);
      if (column == "people") continue;
      const std::string key = "cohort." + column;
      if (!kv.second.IsMap() || kv.second.size() == 0) {
        fail(kv.second, "'" + key + "' must map states to shares, such as {rough_sleeping: 0.5, temporary: 0.5}");
      }
      double sum = 0.0;
      for (const auto& share : kv.second) {
        const std::string category = key_text(share.first);
        const double value = number(share.second, key + "." + category);
        if (value < 0 || value > 1) fail(share.second, "'" + key + "." + category + "' must be a share from 0 to 1, got " + describe(share.second));
        sum += value;
        c.shares[column].push_back({category, value, origin(share.first)});
      }
      if (std::abs(sum - 1.0) > 1e-9) {
        fail(kv.first, "the shares of '" + key + "' sum to " + format(sum) + ", not 1: give every state its share");
      }
    }
    return c;
  }

  /// This file's settings on top of what it extends.
  void apply(const YAML::Node& root, Scenario& s) const {
    s.label = root["scenario"] ? text(root["scenario"], "scenario") : file_.stem().string();
    s.description = root["description"] ? text(root["description"], "description") : s.description;
    if (root["model"]) {
      const std::string model = text(root["model"], "model");
      if (!s.model.empty() && model != s.model) {
        fail(root["model"], "model '" + model + "' differs from '" + s.model + "' in the file it extends");
      }
      s.model = model;
    }
    if (root["horizon_years"]) {
      s.horizon_years = positive(root["horizon_years"], "horizon_years");
      if (s.horizon_years > limits::horizon_years) fail(root["horizon_years"], horizon_beyond_limit(s.horizon_years));
    }
    if (root["population_scale"]) s.population_scale = positive(root["population_scale"], "population_scale");
    if (root["seed"]) s.seed = whole(root["seed"], "seed", 0, std::numeric_limits<std::uint64_t>::max());
    if (root["runs"]) s.runs = static_cast<int>(whole(root["runs"], "runs", 1, limits::runs));
    if (root["outputs"]) {
      const YAML::Node& list = root["outputs"];
      if (!list.IsSequence()) fail(list, "'outputs' must be a list of measure names");
      s.outputs.clear();
      for (const auto& item : list) s.outputs.push_back(text(item, "outputs"));
    }
    if (root["parameters"]) read_parameters(root["parameters"], s);
    if (root["interventions"]) read_interventions(root["interventions"], s);
    if (root["cohort"]) s.cohort = cohort(root["cohort"]);
  }

  const fs::path& file() const { return file_; }

 private:
  fs::path file_;
};

Scenario load_chain(const fs::path& path, std::vector<fs::path>& visiting) {
  // The error_code forms: a name the system refuses (longer than 255 bytes) threw filesystem_error, which named
  // no line; reading the file then reports it as a ScenarioError.
  std::error_code error;
  fs::path file = fs::weakly_canonical(path, error);
  if (error) file = path.lexically_normal();
  const Layer layer(path);
  if (std::find(visiting.begin(), visiting.end(), file) != visiting.end()) {
    std::string cycle;
    for (const auto& p : visiting) cycle += p.filename().string() + " -> ";
    throw ScenarioError(path.string() + ": cycle of extends: " + cycle + file.filename().string());
  }
  visiting.push_back(file);
  const YAML::Node root = layer.load();
  Scenario scenario;
  if (root["extends"]) {
    const fs::path parent = path.parent_path() / layer.text(root["extends"], "extends");
    if (!fs::exists(parent, error)) {  // false with `error` set when the system refuses the name
      layer.fail(root["extends"], "extends '" + root["extends"].as<std::string>() + "': " +
                                      (error ? error.message() : "no such file") + " (" +
                                      parent.lexically_normal().string() + ")");
    }
    scenario = load_chain(parent, visiting);
  } else if (!root["model"]) {
    layer.fail(root, "a scenario that extends nothing must name its 'model'");
  }
  layer.apply(root, scenario);
  scenario.file = path;
  scenario.chain.insert(scenario.chain.begin(), path);
  visiting.pop_back();
  return scenario;
}

std::string location(const params::Origin& o) { return where(o.file, o.line); }


std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

/// The closed cohort's columns and states against those the model lets a scenario choose.
void validate_cohort(const CohortSetting& cohort, const ScenarioSchema& schema) {
  if (schema.cohort_columns.empty()) {
    throw ScenarioError(location(cohort.origin) + "model '" + schema.model + "' cannot start from a closed cohort");
  }
  std::vector<std::string> columns;
  for (const auto& [column, categories] : schema.cohort_columns) columns.push_back(column);
  for (const auto& [column, shares] : cohort.shares) {
    const auto known = schema.cohort_columns.find(column);
    if (known == schema.cohort_columns.end()) {
      throw ScenarioError(location(shares.front().origin) + "unknown column 'cohort." + column + "'" +
                          did_you_mean(column, columns) + " (a closed cohort may choose: " + join(columns) + ")");
    }
    for (const auto& share : shares) {
      const auto& categories = known->second;
      if (std::find(categories.begin(), categories.end(), share.category) == categories.end()) {
        throw ScenarioError(location(share.origin) + "unknown state '" + share.category + "' of 'cohort." + column +
                            "'" + did_you_mean(share.category, categories) + " (known: " + join(categories) + ")");
      }
    }
  }
}

}  // namespace

Scenario Scenario::with_parameters(const std::vector<params::Override>& changes, const std::string& new_label) const {
  Scenario s = *this;
  s.parameters.insert(s.parameters.end(), changes.begin(), changes.end());
  if (!new_label.empty()) s.label = new_label;
  return s;
}

std::string Scenario::hash() const {
  std::ostringstream text;
  text.precision(17);
  text << "model=" << model << ";horizon=" << horizon_years << ";scale=" << population_scale << ";seed=" << seed
       << ";runs=" << runs << ";outputs=";
  for (const auto& o : outputs) text << o << ',';
  std::map<std::string, std::pair<double, std::string>> last;  // later overrides win
  for (const auto& p : parameters) last[p.name] = {p.value, p.unit};
  for (const auto& [name, v] : last) text << ";p:" << name << '=' << v.first << ' ' << v.second;
  for (const auto& [name, setting] : interventions) {
    text << ";i:" << name;
    for (const auto& w : setting.windows) text << '[' << w.start << ',' << w.scale_up << ',' << w.stop << ',' << w.level << ']';
  }
  if (cohort) {
    text << ";cohort:" << cohort->people;
    for (const auto& [column, shares] : cohort->shares) {
      text << ';' << column;
      for (const auto& share : shares) text << ',' << share.category << '=' << share.share;
    }
  }
  std::ostringstream hex;
  hex << std::hex << core::fnv1a(text.str());
  return hex.str();
}

Scenario parse_scenario(const fs::path& path) {
  std::vector<fs::path> visiting;
  return load_chain(path, visiting);
}

void validate_scenario(const Scenario& s, const ScenarioSchema& schema) {
  const std::string at = s.file.empty() ? "" : s.file.string() + ": ";
  if (!(s.horizon_years > 0)) throw ScenarioError(at + "'horizon_years' must be positive, got " + format(s.horizon_years));
  if (s.horizon_years > limits::horizon_years) throw ScenarioError(at + horizon_beyond_limit(s.horizon_years));
  if (s.runs < 1 || static_cast<std::uint64_t>(s.runs) > limits::runs) {
    throw ScenarioError(at + "'runs' must be a whole number from 1 to " + std::to_string(limits::runs) + ", got " +
                        std::to_string(s.runs));
  }
  if (s.model != schema.model) {
    throw ScenarioError(at + "this scenario is for model '" + s.model + "', not '" + schema.model + "'");
  }
  if (schema.parameters) {
    for (const auto& o : s.parameters) {
      try {
        (void)schema.parameters->check(o);
      } catch (const ParameterError& e) {
        throw ScenarioError(e.what());  // its message already names the file, line and parameter
      }
    }
  }
  for (const auto& [name, setting] : s.interventions) {
    if (std::find(schema.interventions.begin(), schema.interventions.end(), name) == schema.interventions.end()) {
      throw ScenarioError(location(setting.origin) + "unknown intervention '" + name + "'" +
                          did_you_mean(name, schema.interventions) + " (known: " + join(schema.interventions) + ")");
    }
    for (const auto& w : setting.windows) {
      if (w.start >= s.horizon_years) {
        throw ScenarioError(location(w.origin) + "'" + name + "' starts after the horizon (" +
                            std::to_string(s.horizon_years) + " years): it would never run");
      }
    }
  }
  if (s.cohort) validate_cohort(*s.cohort, schema);
  for (const auto& measure : s.outputs) {
    if (std::find(schema.outputs.begin(), schema.outputs.end(), measure) == schema.outputs.end()) {
      throw ScenarioError(at + "unknown output '" + measure + "'" + did_you_mean(measure, schema.outputs));
    }
  }
}

void check_population(const Scenario& s, double people) {
  if (people <= limits::people) return;
  const std::string at = s.file.empty() ? "" : s.file.string() + ": ";
  throw ScenarioError(at + "a run would hold about " + format(people) + " people (population_scale " +
                      format(s.population_scale) + "), above the limit of " + std::to_string(static_cast<long long>(limits::people)) +
                      " people per run");
}

}  // namespace revolve::io
