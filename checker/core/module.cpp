#include "core/module.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>

namespace gk {

std::string executable_dir() {
    std::string buf(4096, '\0');
    const ssize_t n = ::readlink("/proc/self/exe", buf.data(), buf.size() - 1);
    if (n <= 0) return "";
    buf.resize(static_cast<std::size_t>(n));
    const auto slash = buf.rfind('/');
    return slash == std::string::npos ? "" : buf.substr(0, slash);
}

void* module_symbol(const std::string& file_name, const char* env_var, const char* symbol, std::string& error) {
    std::string path;
    if (const char* env = env_var ? std::getenv(env_var) : nullptr; env && *env) path = env;
    else path = executable_dir() + "/" + file_name;
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* why = ::dlerror();
        error = why ? why : path + ": cannot be loaded";
        return nullptr;
    }
    void* address = ::dlsym(handle, symbol);
    if (!address) error = path + ": no symbol " + symbol;
    return address;
}

} // namespace gk
