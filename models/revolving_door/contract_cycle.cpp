#include "models/revolving_door/contract_cycle.hpp"

#include <algorithm>

#include "models/revolving_door/model_setup.hpp"

namespace revolve::revolving_door {

ContractWeek ContractCycle::advance(const ContractTerms& terms, double u_extension, double u_provider) {
  ContractWeek week;
  weeks_left_ -= 1.0;
  // The decision is known a year (or the bidding window, if longer) before the term ends.
  const double notice = std::max(terms.bidding_window, weeks_per_year);
  if (!ends_in_retender_ && weeks_left_ <= notice) decide_extension(terms, u_extension);
  if (weeks_left_ <= 0.0) start_next_period(terms, u_provider, week);

  const bool retender_ahead = ends_in_retender_.value_or(false);
  if (mobilisation_left_ > 0.0) {
    week.capacity_factor = terms.mobilisation_capacity;
    mobilisation_left_ -= 1.0;
  } else if (retender_ahead && weeks_left_ <= terms.bidding_window) {
    week.capacity_factor = 1.0 - terms.bidding_capacity_loss;
  }
  if (retender_ahead && weeks_left_ <= weeks_per_year) week.turnover_multiplier = terms.last_year_turnover_multiplier;
  return week;
}

void ContractCycle::decide_extension(const ContractTerms& terms, double u_extension) {
  const bool extend = !in_extension_ && terms.extension > 0.0 && u_extension < terms.extension_probability;
  ends_in_retender_ = !extend;
}

void ContractCycle::start_next_period(const ContractTerms& terms, double u_provider, ContractWeek& week) {
  if (!ends_in_retender_.value_or(true)) {  // the extension was taken
    in_extension_ = true;
    weeks_left_ += terms.extension;
    ends_in_retender_ = true;
    return;
  }
  week.retendered = true;
  if (u_provider < terms.provider_change_probability) {
    week.provider_changed = true;
    week.staff_loss = terms.staff_loss_on_provider_change;
    mobilisation_left_ = terms.mobilisation_delay;
  }
  in_extension_ = false;
  weeks_left_ += terms.term;
  ends_in_retender_.reset();
}

}  // namespace revolve::revolving_door
