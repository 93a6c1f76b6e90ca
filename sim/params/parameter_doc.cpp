#include "sim/params/parameter_doc.hpp"

#include <sstream>

namespace revolve::params {
namespace {

// Table cells hold one line and no bare pipes.
std::string cell(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string status_counts(const ParameterSet& set) {
  const auto counts = set.count_by_status();
  std::string out;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    out += (i ? ", " : "") + to_string(static_cast<Status>(i)) + " " + std::to_string(counts[i]);
  }
  return out;
}

std::string value_text(const Parameter& p, const Conventions& c) {
  std::string out = format_number(p.value) + " " + p.unit.text;
  if (p.kind() != Kind::money) return out;
  out += " at " + p.price_year + " prices";
  if (p.price_year != c.price_year) out += " (" + format_number(p.value * p.uprating, 4) + " at " + c.price_year + ")";
  return out;
}

std::string uncertainty_text(const Parameter& p) {
  std::string out = describe(p.uncertainty);
  const Bounds natural = natural_bounds(p.unit);
  if (p.bounds.low != natural.low || p.bounds.high != natural.high) {
    out += "; bounds " + format_number(p.bounds.low) + " to " + format_number(p.bounds.high);
  }
  return out;
}

std::string provenance_text(const Provenance& p) {
  std::string out;
  auto add = [&out](const std::string& label, const std::string& text) {
    if (text.empty()) return;
    out += (out.empty() ? "" : " ") + label + text;
    if (out.back() != '.') out += '.';  // each piece reads as a sentence
  };
  if (p.source) add("", p.source->citation + "; " + p.source->location);
  add("Derivation: ", p.derivation);
  add("Assumption: ", p.rationale);
  add("Calibrate to: ", p.calibrate_to);
  return out;
}

void write_conventions(std::ostream& out, const Conventions& c) {
  const double weeks_per_year = days_in(TimeUnit::year) / days_in(TimeUnit::week);
  out << "**Conventions.** The model's time unit is the " << to_string(c.time_unit) << ". A year is 365.25 days ("
      << format_number(weeks_per_year, 6)
      << " weeks), a month is a twelfth of a year and a week 7 days. Rates, durations and probabilities per period "
         "are converted to the model's time unit once, when the file is loaded: a rate scales with the period, a "
         "probability p per period becomes 1 - (1 - p)^(step / period).";
  if (!c.price_year.empty()) out << " Money is in GBP at " << c.price_year << " prices.";
  out << "\n\n";
  if (!c.uprating) return;
  const auto& u = *c.uprating;
  out << "**Uprating.** Costs from other price years are multiplied by a factor from " << u.index << " ("
      << to_string(u.provenance.status) << "). " << provenance_text(u.provenance) << "\n\n"
      << "| price year | factor to " << c.price_year << " |\n| --- | --- |\n";
  for (const auto& [year, factor] : u.factors) out << "| " << year << " | " << format_number(factor) << " |\n";
  out << "\n";
}

void write_section(std::ostream& out, const ParameterSet& set, const Section& section) {
  out << "## " << section.title << "\n\n";
  if (!section.description.empty()) out << cell(section.description) << "\n\n";
  out << "| parameter | value | uncertainty | status | source and notes |\n| --- | --- | --- | --- | --- |\n";
  for (const auto index : section.members) {
    const Parameter& p = set.parameters()[index];
    out << "| `" << p.name << "`"  << "<br>" << cell(p.description) << " | "
        << cell(value_text(p, set.conventions())) << " | " << cell(uncertainty_text(p)) << " | "
        << to_string(p.provenance.status) << " | " << cell(provenance_text(p.provenance)) << " |\n";
  }
  out << "\n";
}

}  // namespace

std::string render_markdown(const ParameterSet& set) {
  std::ostringstream out;
  out << "# Parameters: " << set.model() << "\n\n"
      << "Generated from the model's `parameters.yaml` by `revolve params doc`; do not edit by hand.\n\n";
  if (!set.header().description.empty()) out << cell(set.header().description) << "\n\n";
  out << "**Status.** " << set.size() << " parameters: " << status_counts(set)
      << ". *Sourced* values are read from the cited source; *derived* ones are computed from sourced figures "
         "(the arithmetic is shown); *calibrated* ones are tuned to a target; *assumptions* are judgements with "
         "a rationale and a wide range, to be replaced when evidence is found.\n\n";
  write_conventions(out, set.conventions());
  for (const auto& section : set.sections()) write_section(out, set, section);
  return out.str();
}

std::string summary_line(const ParameterSet& set) {
  return set.model() + ": " + std::to_string(set.size()) + " parameters in " + std::to_string(set.sections().size()) +
         " sections (" + status_counts(set) + ")";
}

}  // namespace revolve::params
