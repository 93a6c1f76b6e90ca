#pragma once
// The message of the error a piece of code throws, for tests that check every word of it.
#include <string>

namespace revolve::test {

/// What `code` throws as an `ErrorType`, or "(no error)".
template <class ErrorType, class Code>
std::string error_text(Code&& code) {
  try {
    code();
  } catch (const ErrorType& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace revolve::test
