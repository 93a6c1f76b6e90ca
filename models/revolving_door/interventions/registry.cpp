#include "models/revolving_door/interventions/registry.hpp"

#include <array>

namespace revolve::revolving_door {

// Defined in each intervention's own file.
std::unique_ptr<Intervention> make_housing_first(std::shared_ptr<const ModelSetup> setup);
std::unique_ptr<Intervention> make_mtam(std::shared_ptr<const ModelSetup> setup);
std::unique_ptr<Intervention> make_navigators(std::shared_ptr<const ModelSetup> setup);
std::unique_ptr<Intervention> make_release_accommodation(std::shared_ptr<const ModelSetup> setup);
std::unique_ptr<Intervention> make_contracts(std::shared_ptr<const ModelSetup> setup);
std::unique_ptr<Intervention> make_payment_by_results(std::shared_ptr<const ModelSetup> setup);
std::unique_ptr<Intervention> make_commissioning_for_learning(std::shared_ptr<const ModelSetup> setup);

std::span<const InterventionType> intervention_types() {
  constexpr std::size_t support = tally::support;
  static const std::array<InterventionType, 7> types = {{
      {"housing_first", "Housing First", Payer::la_homelessness, support + code(Support::housing_first),
       make_housing_first},
      {"mtam", "My Team Around Me", Payer::la_social_care, support + code(Support::mtam), make_mtam},
      {"navigators", "A&E navigators", Payer::nhs, support + code(Support::navigator), make_navigators},
      {"release_accommodation", "Accommodation on release", Payer::prisons_probation, tally::in_transition,
       make_release_accommodation},
      {"contracts", "Contracts (procurement)", Payer::la_homelessness, tally::alive, make_contracts},
      {"payment_by_results", "Payment by reported outcomes", Payer::la_social_care, tally::alive,
       make_payment_by_results},
      {"commissioning_for_learning", "Commissioning for learning", Payer::la_social_care, tally::alive,
       make_commissioning_for_learning},
  }};
  return types;
}

std::vector<std::string> intervention_names() {
  std::vector<std::string> names;
  for (const InterventionType& t : intervention_types()) names.emplace_back(t.name);
  return names;
}

}  // namespace revolve::revolving_door
