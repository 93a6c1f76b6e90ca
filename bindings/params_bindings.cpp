// Parameter files from Python: one record per parameter, for revolve.parameters() to turn into a DataFrame.
#include <filesystem>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings/bindings.hpp"
#include "sim/params/parameter_file.hpp"

namespace py = pybind11;

namespace revolve::bindings {
namespace {

py::dict record(const params::ParameterSet& set, params::ParamId id) {
  const params::Parameter& p = set.spec(id);
  const params::Provenance& provenance = p.provenance;
  py::dict r;
  r["name"] = p.name;
  r["value"] = p.value;
  r["unit"] = p.unit.text;
  r["kind"] = params::to_string(p.kind());
  r["model_value"] = set[id];
  r["status"] = params::to_string(provenance.status);
  r["source"] = provenance.source ? provenance.source->citation : "";
  r["source_location"] = provenance.source ? provenance.source->location : "";
  r["derivation"] = provenance.derivation;
  r["rationale"] = provenance.rationale;
  r["uncertainty"] = params::describe(p.uncertainty);
  r["distribution"] = params::distribution_name(p.uncertainty);
  r["lower_bound"] = p.bounds.low;
  r["upper_bound"] = p.bounds.high;
  r["price_year"] = p.price_year;
  r["description"] = p.description;
  return r;
}

/// (records, conventions): every parameter of the file in file order, and the file's model and conventions.
py::tuple parameter_table(const std::filesystem::path& path) {
  const params::ParameterSet set = params::load_parameter_file(path);
  py::list records;
  for (std::uint32_t i = 0; i < set.size(); ++i) records.append(record(set, params::ParamId{i}));
  py::dict conventions;
  conventions["model"] = set.model();
  conventions["time_unit"] = params::to_string(set.conventions().time_unit);
  conventions["price_year"] = set.conventions().price_year;
  return py::make_tuple(records, conventions);
}

}  // namespace

void register_params(py::module_& m) {
  m.def("parameter_table", parameter_table, py::arg("path"),
        "Load a parameters file; returns (one dict per parameter, the file's model and conventions).");
}

}  // namespace revolve::bindings
