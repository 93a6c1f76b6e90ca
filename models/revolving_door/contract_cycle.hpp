#pragma once
// One commissioned service's contract cycle (docs/model/design.md, 'Contract cycles'): a term, an extension taken
// with some chance, then a re-tender that may change the provider. A change costs staff at once and
// opens a mobilisation period of reduced capacity; the months of bidding before a re-tender cut
// capacity too, and the final year before it raises staff turnover (job insecurity).
#include <optional>

namespace revolve::revolving_door {

/// The terms every contract of a service is let on [weeks, probabilities].
struct ContractTerms {
  double term = 0, extension = 0;
  double extension_probability = 0, provider_change_probability = 0;
  double staff_loss_on_provider_change = 0;
  double mobilisation_delay = 0, mobilisation_capacity = 1;
  double bidding_window = 0, bidding_capacity_loss = 0;
  double last_year_turnover_multiplier = 1;
};

/// What the cycle does to its service in one week.
struct ContractWeek {
  double capacity_factor = 1.0;      ///< share of normal intake
  double turnover_multiplier = 1.0;  ///< on staff turnover
  double staff_loss = 0.0;           ///< share of staff leaving at once (provider change)
  bool retendered = false;
  bool provider_changed = false;
};

class ContractCycle {
 public:
  /// A contract `elapsed` weeks into its initial term.
  ContractCycle(double elapsed, const ContractTerms& terms) : weeks_left_(terms.term - elapsed) {}

  /// Advances one week. `u_extension` decides whether the extension is taken (drawn ahead of the
  /// end of the term, when the re-tender would be announced); `u_provider` whether a re-tender
  /// changes the provider.
  ContractWeek advance(const ContractTerms& terms, double u_extension, double u_provider);

 private:
  double weeks_left_;  // of the current term or extension
  bool in_extension_ = false;
  std::optional<bool> ends_in_retender_;  // known once the end of the term is announced
  double mobilisation_left_ = 0.0;        // [weeks]

  void decide_extension(const ContractTerms& terms, double u_extension);
  void start_next_period(const ContractTerms& terms, double u_provider, ContractWeek& week);
};

}  // namespace revolve::revolving_door
