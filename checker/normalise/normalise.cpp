#include "normalise/normalise.hpp"
namespace gk {
// STUB
struct Normaliser::Impl {};
Normaliser::Normaliser() : impl_(new Impl) {}
Normaliser::~Normaliser() { delete impl_; }
const Normaliser& Normaliser::instance() { static const Normaliser n; return n; }
void Normaliser::normalise(Document& doc) const {
    for (auto& b : doc.blocks) { b.norm = b.text; if (b.table) for (auto& r : b.table->rows) for (auto& c : r) c.norm = c.text; }
}
MappedText Normaliser::fold(const MappedText& in, bool) const { return in; }
std::string Normaliser::fold(std::string_view in, bool) const { return std::string(in); }
bool Normaliser::is_traditional_only(char32_t) const { return false; }
bool Normaliser::is_simplified_only(char32_t) const { return false; }
std::string Normaliser::to_simplified(std::string_view s) const { return std::string(s); }
std::string Normaliser::to_traditional(std::string_view s) const { return std::string(s); }
} // namespace gk
