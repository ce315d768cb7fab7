// Optional parts the gkcheck binary loads only when a run needs them (parse/pdf_reader.hpp,
// core/zip_reader.hpp): linked in, the libraries behind them (poppler, libzip and OpenSSL, with
// cpp-httplib's) made every check's start-up about 7 ms longer (32 → 25 ms for one 28 KB report,
// docs/PERFORMANCE.md). Each part is a module built beside the binary, named by a file name
// there or by an environment variable.
#pragma once

#include <string>

namespace gk {

// The directory of the running executable ("" when /proc/self/exe cannot be read).
std::string executable_dir();

// The address of `symbol` in the module at $env_var (when set and not empty), else at
// executable_dir() + "/" + file_name; nullptr with `error` set (the loader's reason, naming the
// file) when it cannot be loaded or lacks the symbol. The module stays loaded for the life of
// the process; callers keep the address (in a function-local static: loaded once).
void* module_symbol(const std::string& file_name, const char* env_var, const char* symbol, std::string& error);

} // namespace gk
