#include "models/revolving_door/people.hpp"

#include "models/revolving_door/cost_cells.hpp"

namespace revolve::revolving_door {

void Columns::declare(abm::Population& p) {
  p.add_state("housing", housing_names);
  p.add_state("justice", justice_names);
  p.add_state("mental_health", mental_names);
  p.add_state("substance", substance_names);
  p.add_state("support", support_names);
  p.add_state("priority_group", group_names);
  p.add_state("sex", sex_names);
  p.add_state("ethnicity", ethnicity_names);
  p.add_state("need", need_names);
  p.add_state("waiting_for", waiting_names);
  p.add_state("request", request_names);
  p.add_state("short_sentence", flag_names);
  p.add_state("awaiting_rearrest", flag_names);
  p.add_state("housing_first_off", flag_names);
  p.add_state("navigator_declined", flag_names);
  p.add_state("left_positively", flag_names);
  p.add_state("cost_cell", cost_cell_names());
  for (const char* name : {"age", "engagement", "weeks_with_worker", "weeks_in_housing", "weeks_homeless",
                           "weeks_stable", "evictions", "recalls", "crises", "ae_past_year", "ae_this_week"}) {
    p.add_attribute(name);
  }
  for (const char* name : {"ti_release", "ti_recall_end", "ti_licence_end", "ti_order_end", "ti_discharge",
                           "ti_transition_end", "t_released", "t_street_hostel_move", "t_street_hostel_move_before",
                           "t_housing_first_start", "t_coordinator_start"}) {
    p.add_event_time(name);
  }
}

Columns Columns::resolve(const abm::Population& p) {
  Columns c;
  c.housing = p.state("housing");
  c.justice = p.state("justice");
  c.mental_health = p.state("mental_health");
  c.substance = p.state("substance");
  c.support = p.state("support");
  c.group = p.state("priority_group");
  c.sex = p.state("sex");
  c.ethnicity = p.state("ethnicity");
  c.need = p.state("need");
  c.waiting_for = p.state("waiting_for");
  c.request = p.state("request");
  c.short_sentence = p.state("short_sentence");
  c.awaiting_rearrest = p.state("awaiting_rearrest");
  c.housing_first_off = p.state("housing_first_off");
  c.navigator_declined = p.state("navigator_declined");
  c.left_positively = p.state("left_positively");
  c.cost_cell = p.state("cost_cell");
  c.age = p.attribute("age");
  c.engagement = p.attribute("engagement");
  c.weeks_with_worker = p.attribute("weeks_with_worker");
  c.weeks_in_housing = p.attribute("weeks_in_housing");
  c.weeks_homeless = p.attribute("weeks_homeless");
  c.weeks_stable = p.attribute("weeks_stable");
  c.evictions = p.attribute("evictions");
  c.recalls = p.attribute("recalls");
  c.crises = p.attribute("crises");
  c.ae_past_year = p.attribute("ae_past_year");
  c.ae_this_week = p.attribute("ae_this_week");
  c.ti_release = p.event_time("ti_release");
  c.ti_recall_end = p.event_time("ti_recall_end");
  c.ti_licence_end = p.event_time("ti_licence_end");
  c.ti_order_end = p.event_time("ti_order_end");
  c.ti_discharge = p.event_time("ti_discharge");
  c.ti_transition_end = p.event_time("ti_transition_end");
  c.t_released = p.event_time("t_released");
  c.t_street_hostel_move = p.event_time("t_street_hostel_move");
  c.t_street_hostel_move_before = p.event_time("t_street_hostel_move_before");
  c.t_housing_first_start = p.event_time("t_housing_first_start");
  c.t_coordinator_start = p.event_time("t_coordinator_start");
  return c;
}

PeopleView PeopleView::of(abm::Population& p, const Columns& c) {
  const auto s = [&](abm::StateColumn column) { return p.states(column).data(); };
  const auto a = [&](abm::AttributeColumn column) { return p.attributes(column).data(); };
  const auto t = [&](abm::EventTimeColumn column) { return p.event_times(column).data(); };
  return {
      .alive = p.alive().data(),
      .id = p.ids().data(),
      .housing = s(c.housing),
      .justice = s(c.justice),
      .mental_health = s(c.mental_health),
      .substance = s(c.substance),
      .support = s(c.support),
      .group = s(c.group),
      .sex = s(c.sex),
      .ethnicity = s(c.ethnicity),
      .need = s(c.need),
      .waiting_for = s(c.waiting_for),
      .request = s(c.request),
      .short_sentence = s(c.short_sentence),
      .awaiting_rearrest = s(c.awaiting_rearrest),
      .housing_first_off = s(c.housing_first_off),
      .navigator_declined = s(c.navigator_declined),
      .left_positively = s(c.left_positively),
      .cost_cell = s(c.cost_cell),
      .age = a(c.age),
      .engagement = a(c.engagement),
      .weeks_with_worker = a(c.weeks_with_worker),
      .weeks_in_housing = a(c.weeks_in_housing),
      .weeks_homeless = a(c.weeks_homeless),
      .weeks_stable = a(c.weeks_stable),
      .evictions = a(c.evictions),
      .recalls = a(c.recalls),
      .crises = a(c.crises),
      .ae_past_year = a(c.ae_past_year),
      .ae_this_week = a(c.ae_this_week),
      .ti_release = t(c.ti_release),
      .ti_recall_end = t(c.ti_recall_end),
      .ti_licence_end = t(c.ti_licence_end),
      .ti_order_end = t(c.ti_order_end),
      .ti_discharge = t(c.ti_discharge),
      .ti_transition_end = t(c.ti_transition_end),
      .t_released = t(c.t_released),
      .t_street_hostel_move = t(c.t_street_hostel_move),
      .t_street_hostel_move_before = t(c.t_street_hostel_move_before),
      .t_housing_first_start = t(c.t_housing_first_start),
      .t_coordinator_start = t(c.t_coordinator_start),
      .size = p.size(),
  };
}

}  // namespace revolve::revolving_door
