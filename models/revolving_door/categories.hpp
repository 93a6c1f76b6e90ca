#pragma once
// The categories of every state column (docs/model/design.md, 'State columns'), as enums whose values are the
// one-byte codes stored in the population, and their names in the same order.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace revolve::revolving_door {

enum class Housing : std::uint8_t { settled, rough_sleeping, temporary, supported, housing_first };
enum class Justice : std::uint8_t { none, community_order, custody, licence, recalled };
enum class Mental : std::uint8_t { stable, unwell, treatment, crisis, inpatient };
enum class Substance : std::uint8_t { none, problematic, treatment };
enum class Support : std::uint8_t { none, usual, navigator, mtam, housing_first };
enum class Group : std::uint8_t { wider, young_mec_justice, women_domestic_abuse, chronic_homeless };
enum class Sex : std::uint8_t { male, female };
enum class Ethnicity : std::uint8_t { white, minority_ethnic };
enum class Need : std::uint8_t { moderate, high };
enum class WaitingFor : std::uint8_t { nothing, temporary, supported, housing_first };
/// A place a person's housing hazard asked for this week, granted or not by the housing queue.
enum class Request : std::uint8_t { none, temporary, supported, temporary_after_eviction };

/// The services whose workers people have (docs/model/design.md, 'Workforce per service').
enum class Service : std::uint8_t { usual, housing_first, mtam, navigator };

inline constexpr std::size_t group_count = 4;
inline constexpr std::size_t service_count = 4;
inline constexpr std::size_t housing_count = 5;  ///< categories of Housing

/// The code of a category, as stored in a state column (and as an index into per-category arrays).
template <class E>
constexpr std::uint8_t code(E category) {
  return static_cast<std::uint8_t>(category);
}

/// A state column seen as categories of E: the population stores one byte per person, the model reads
/// and writes E (`v.housing[p] = Housing::temporary`, `if (v.support[p] == Support::mtam)`).
template <class E>
class CategoryColumn {
 public:
  /// One person's category, assignable.
  class Ref {
   public:
    explicit Ref(std::uint8_t& code) : code_(code) {}
    operator E() const { return static_cast<E>(code_); }
    Ref& operator=(E category) {
      code_ = static_cast<std::uint8_t>(category);
      return *this;
    }
    Ref& operator=(const Ref& other) { return *this = static_cast<E>(other); }
    friend bool operator==(const Ref& a, E b) { return static_cast<E>(a) == b; }

   private:
    std::uint8_t& code_;
  };

  CategoryColumn() = default;
  CategoryColumn(std::uint8_t* codes) : codes_(codes) {}  // NOLINT: built from a column's bytes
  Ref operator[](std::size_t p) const { return Ref(codes_[p]); }
  /// The stored code, for indexing arrays by category.
  std::uint8_t code(std::size_t p) const { return codes_[p]; }
  /// The codes from row p on, for loops over many rows at a time.
  const std::uint8_t* codes_from(std::size_t p) const { return codes_ + p; }

 private:
  std::uint8_t* codes_ = nullptr;
};

inline const std::vector<std::string> housing_names = {"settled", "rough_sleeping", "temporary", "supported",
                                                       "housing_first"};
inline const std::vector<std::string> justice_names = {"none", "community_order", "custody", "licence", "recalled"};
inline const std::vector<std::string> mental_names = {"stable", "unwell", "treatment", "crisis", "inpatient"};
inline const std::vector<std::string> substance_names = {"none", "problematic", "treatment"};
inline const std::vector<std::string> support_names = {"none", "usual", "navigator", "mtam", "housing_first"};
inline const std::vector<std::string> group_names = {"wider", "young_mec_justice", "women_domestic_abuse",
                                                     "chronic_homeless"};
inline const std::vector<std::string> sex_names = {"male", "female"};
inline const std::vector<std::string> ethnicity_names = {"white", "minority_ethnic"};
inline const std::vector<std::string> need_names = {"moderate", "high"};
inline const std::vector<std::string> waiting_names = {"nothing", "temporary", "supported", "housing_first"};
inline const std::vector<std::string> request_names = {"none", "temporary", "supported", "temporary_after_eviction"};
inline const std::vector<std::string> flag_names = {"no", "yes"};
inline const std::vector<std::string> service_names = {"usual", "housing_first", "mtam", "navigator"};

// Bitwise, not ||: these are tested for everyone every week, and a branch on a person's state is one no
// predictor can guess.

/// People in custody or recalled to prison.
constexpr bool in_prison(Justice justice) { return (justice == Justice::custody) | (justice == Justice::recalled); }
/// Sleeping rough or in emergency or temporary accommodation.
constexpr bool homeless(Housing housing) {
  return (housing == Housing::rough_sleeping) | (housing == Housing::temporary);
}

}  // namespace revolve::revolving_door
