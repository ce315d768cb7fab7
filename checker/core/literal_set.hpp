// Which of a fixed set of byte strings occur in a text, in one pass over it (Aho–Corasick, with a
// dense transition table built once). For prefilters: "could this pattern match here at all?".
//
// The guarantee: present(text, out) appends, in increasing order and once each, the index of
// every literal that occurs in `text` as a byte substring (overlaps and literals inside other
// literals included). The empty literal is never reported. Bytes are compared as they are: no
// case folding, no UTF-8 awareness needed (a literal that is valid UTF-8 can only occur at a
// code-point boundary of valid UTF-8 text). No state is kept between calls: one LiteralSet may be
// used from any number of threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

class LiteralSet {
public:
    explicit LiteralSet(const std::vector<std::string>& literals);

    void present(std::string_view text, std::vector<int>& out) const;
    std::size_t size() const { return count_; }

private:
    static constexpr std::uint32_t kHasOutput = 0x80000000u; // flag on a target state number
    std::size_t count_ = 0;
    // Bytes that occur in no literal share class 0; the others get one class each, so that the
    // table stays small (a few dozen columns): it is read once per byte of text.
    std::uint16_t class_of_[256] = {};
    std::size_t classes_ = 1;
    std::vector<std::uint32_t> next_;     // state * classes_ + class -> state | kHasOutput (complete)
    std::vector<std::uint32_t> out_head_; // state -> first output (index into out_), or UINT32_MAX
    // Outputs as linked lists shared along the suffix links: (literal, next output).
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out_;
};

} // namespace gk
