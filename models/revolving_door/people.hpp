#pragma once
// The people's columns (docs/model/design.md, 'State columns' to 'Scheduled-event columns [step]'): declared once,
// resolved to handles at init, and viewed as raw arrays by the hot loops.
#include <cstdint>

#include "models/revolving_door/categories.hpp"
#include "sim/abm/population.hpp"

namespace revolve::revolving_door {

/// Handles of every column, resolved once at init.
struct Columns {
  // States [one byte: a category code]
  abm::StateColumn housing, justice, mental_health, substance, support;
  abm::StateColumn group, sex, ethnicity, need, waiting_for, request;
  abm::StateColumn short_sentence;      ///< the current custody spell is on a sentence under 12 months
  abm::StateColumn awaiting_rearrest;   ///< released from a short sentence, not yet arrested again
  abm::StateColumn housing_first_off;   ///< left or declined the Housing First list in this homelessness spell
  abm::StateColumn navigator_declined;  ///< declined a navigator; cleared when A&E use falls below the threshold
  abm::StateColumn left_positively;     ///< left the cohort by a sustained positive exit (settled and stable)
  abm::StateColumn cost_cell;           ///< where this week's costs go (cost_cells.hpp), set by the recorder
  // Attributes
  abm::AttributeColumn age;                         ///< [weeks], whole weeks
  abm::AttributeColumn engagement;                  ///< 0 to 1
  abm::AttributeColumn weeks_with_worker;           ///< [weeks]
  abm::AttributeColumn weeks_in_housing;            ///< [weeks] in the current housing state
  abm::AttributeColumn weeks_homeless;              ///< [weeks] of the current homelessness spell
  abm::AttributeColumn weeks_stable;                ///< [weeks] meeting the sustained-exit conditions
  abm::AttributeColumn evictions, recalls, crises;  ///< counts since entry
  abm::AttributeColumn ae_past_year;                ///< A&E attendances, exponentially weighted over 52 weeks
  abm::AttributeColumn ae_this_week;                ///< A&E attendances in the current week (entry cohorts count them)
  // Scheduled events [step]
  abm::EventTimeColumn ti_release, ti_recall_end, ti_licence_end, ti_order_end, ti_discharge, ti_transition_end;
  // Times of past events [step]
  abm::EventTimeColumn t_released;                   ///< last release from custody or recall
  abm::EventTimeColumn t_street_hostel_move;         ///< last move between the street and temporary accommodation
  abm::EventTimeColumn t_street_hostel_move_before;  ///< the move before that
  abm::EventTimeColumn t_housing_first_start;        ///< start of the last Housing First tenancy
  abm::EventTimeColumn t_coordinator_start;          ///< start of the current MTAM or navigator episode

  /// Adds every column to a population (before it is frozen).
  static void declare(abm::Population &population);
  /// Resolves every column of a frozen population.
  static Columns resolve(const abm::Population &population);
};

/// Raw arrays of every column, for the hot loops: people are indexed by their row, and a row's person id (which
/// keys their draws) is id[row]. Rebuilt every step, since arrivals and compactions change the rows.
struct PeopleView {
  std::uint8_t *alive;
  const abm::PersonId* id;
  CategoryColumn<Housing> housing;
  CategoryColumn<Justice> justice;
  CategoryColumn<Mental> mental_health;
  CategoryColumn<Substance> substance;
  CategoryColumn<Support> support;
  CategoryColumn<Group> group;
  CategoryColumn<Sex> sex;
  CategoryColumn<Ethnicity> ethnicity;
  CategoryColumn<Need> need;
  CategoryColumn<WaitingFor> waiting_for;
  CategoryColumn<Request> request;
  std::uint8_t *short_sentence, *awaiting_rearrest, *housing_first_off, *navigator_declined, *left_positively;
  std::uint8_t *cost_cell;  // cost_cells.hpp
  double *age, *engagement, *weeks_with_worker, *weeks_in_housing, *weeks_homeless, *weeks_stable;
  double *evictions, *recalls, *crises, *ae_past_year, *ae_this_week;
  std::int32_t *ti_release, *ti_recall_end, *ti_licence_end, *ti_order_end, *ti_discharge, *ti_transition_end;
  std::int32_t *t_released, *t_street_hostel_move, *t_street_hostel_move_before, *t_housing_first_start,
      *t_coordinator_start;
  std::size_t size;

  static PeopleView of(abm::Population &population, const Columns &c);

  bool in_prison(std::size_t p) const { return revolving_door::in_prison(justice[p]); }
  bool in_transition(std::size_t p) const { return ti_transition_end[p] != abm::no_event; }
  /// Housing with no home at the moment: the street or a hostel, outside prison.
  bool homeless_now(std::size_t p) const { return !in_prison(p) && homeless(housing[p]); }
};

}  // namespace revolve::revolving_door
