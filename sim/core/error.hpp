#pragma once
// Errors raised by the engine. Each names where the problem is (file, line, variable, field)
// so a user can fix their input without reading engine code. The Python package maps each class
// to an exception of the same name.
#include <stdexcept>
#include <string>

namespace revolve {

/// Base of every error revolve raises on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A stock-flow model that cannot be compiled: syntax, unknown name, algebraic loop, arity, dimensions.
class ModelError : public Error {
 public:
  using Error::Error;
};

/// A file that cannot be read or parsed (model files, XMILE, CSV).
class InputError : public Error {
 public:
  using Error::Error;
};

/// A parameter value that breaks its specification (unit, bounds, missing source).
class ParameterError : public Error {
 public:
  using Error::Error;
};

/// A scenario file that is invalid (unknown key, bad extends, overlapping schedule).
class ScenarioError : public Error {
 public:
  using Error::Error;
};

/// An output path revolve will not write to: it holds something revolve did not write (a folder of other
/// files, a file that is not revolve's) or something that is not a folder or regular file (a link, a device).
class OutputError : public Error {
 public:
  using Error::Error;
};

/// A run stopped on request (Ctrl-C); partial results are discarded.
class Cancelled : public Error {
 public:
  using Error::Error;
};

/// "file:line: " prefix for messages; omits what is unknown (line 0 means unknown).
std::string where(const std::string& file, int line);

}  // namespace revolve
