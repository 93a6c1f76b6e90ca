// revolve params check|doc FILE: validate a parameters file, or render its documentation tables.
#include <iostream>
#include <memory>

#include "apps/revolve/commands.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/params/parameter_doc.hpp"
#include "sim/params/parameter_file.hpp"

namespace revolve::cli {
namespace {

struct ParamsOptions {
  std::string file;
  std::string out;  // empty: standard output
  bool force = false;
};

/// What every page render_markdown writes says near its top: an existing --out file without it is not one.
const char* const doc_signature = "by `revolve params doc`";

void check_params(const ParamsOptions& o) {
  const auto set = params::load_parameter_file(o.file);  // throws before anything is printed
  std::cout << o.file << ": " << params::summary_line(set) << "\n";
}

void document_params(const ParamsOptions& o) {
  const std::string page = params::render_markdown(params::load_parameter_file(o.file));
  if (o.out.empty()) {
    std::cout << page;
  } else {
    write_file_atomically(o.out, page, {doc_signature, o.force});
  }
}

}  // namespace

void add_params_command(CLI::App& app) {
  auto* params = app.add_subcommand("params", "Model parameters files: validate them and generate their documentation");
  params->require_subcommand(1);
  auto options = std::make_shared<ParamsOptions>();

  auto* check = params->add_subcommand("check", "Validate a parameters file and print counts by status");
  check->add_option("FILE", options->file, "Parameters file (.yaml)")->required()->check(CLI::ExistingFile);
  check->callback([options] { check_params(*options); });

  auto* doc = params->add_subcommand("doc", "Render a parameters file as Markdown tables");
  doc->add_option("FILE", options->file, "Parameters file (.yaml)")->required()->check(CLI::ExistingFile);
  doc->add_option("--out", options->out,
                  "Write the Markdown here instead of to standard output, replacing only a file this command wrote");
  doc->add_flag("--force", options->force, "Replace the --out file even if this command did not write it "
                                           "(never a folder, link or device)");
  doc->callback([options] { document_params(*options); });
}

}  // namespace revolve::cli
