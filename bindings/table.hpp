#pragma once
// A result file's table (sim/ensemble/table.hpp) handed to Python as columns, with no file between them:
// {name: list of str or NumPy array of float}, in the file's column order; revolve/_tables.py makes the DataFrame.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings/progress.hpp"
#include "sim/ensemble/table.hpp"

namespace revolve::bindings {

/// Builds the table with `write` (without the GIL), then gives its columns to Python.
template <class Write>
pybind11::dict table_of(Write&& write) {
  ensemble::Table table;
  {
    const pybind11::gil_scoped_release release;
    write(table);
  }
  pybind11::dict out;
  for (const auto& column : table.columns()) {
    auto numbers = column.numbers;
    const auto rows = static_cast<pybind11::ssize_t>(numbers.size());
    out[column.name.c_str()] = column.is_text ? pybind11::object(pybind11::cast(column.texts))
                                              : pybind11::object(owned_array(std::move(numbers), {rows}));
  }
  return out;
}

}  // namespace revolve::bindings
