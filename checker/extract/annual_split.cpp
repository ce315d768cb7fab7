#include "extract/annual_split.hpp"

#include <optional>
#include <string>

#include "core/decimal.hpp"

namespace gk {

namespace {

constexpr int kCap = 3;            // stop counting once a split is known not to be unique
constexpr std::size_t kMaxDigits = 9;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Is text[b, e) one well-formed number?
bool well_formed(std::string_view s, const SplitSpec& spec) {
    std::size_t i = 0;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        if (!spec.allow_sign) return false;
        i = 1;
    }
    const std::size_t int_from = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    const std::size_t int_len = i - int_from;
    if (int_len == 0 || int_len > kMaxDigits) return false;
    if (int_len > 1 && s[int_from] == '0') return false;
    if (i == s.size()) return true;
    if (s[i] != '.' || !spec.allow_decimal) return false;
    ++i;
    const std::size_t frac_from = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    return i == s.size() && i > frac_from && i - frac_from <= 6;
}

struct Search {
    std::string_view text;
    const SplitSpec& spec;
    bool use_sums;
    std::vector<std::pair<std::size_t, std::size_t>> current, first, second;
    int found = 0;
    std::vector<int> group_end; // for cell i: index of the group whose total it is, or -1

    Search(std::string_view t, const SplitSpec& s, bool sums) : text(t), spec(s), use_sums(sums) {
        group_end.assign(static_cast<std::size_t>(spec.count), -1);
        for (std::size_t g = 0; g < spec.sum_groups.size(); ++g)
            if (!spec.sum_groups[g].empty()) {
                const int last = spec.sum_groups[g].back();
                if (last >= 0 && last < spec.count) group_end[static_cast<std::size_t>(last)] = static_cast<int>(g);
            }
    }

    std::optional<Decimal> value(int cell) const {
        const auto& [b, e] = current[static_cast<std::size_t>(cell)];
        return Decimal::parse(text.substr(b, e - b));
    }

    bool group_holds(int g) const {
        const auto& cells = spec.sum_groups[static_cast<std::size_t>(g)];
        Decimal sum;
        for (std::size_t k = 0; k + 1 < cells.size(); ++k) {
            const auto v = value(cells[k]);
            if (!v) return false;
            sum = sum + *v;
        }
        const auto total = value(cells.back());
        return total && *total == sum;
    }

    // Characters left that can hold numbers (excluding spaces) — a bound for pruning.
    void run(std::size_t pos) {
        if (found >= kCap) return;
        while (pos < text.size() && text[pos] == ' ') ++pos;
        const int cell = static_cast<int>(current.size());
        if (pos >= text.size()) {
            if (cell == spec.count) {
                if (found == 0) first = current;
                if (found == 1) second = current;
                ++found;
            }
            return;
        }
        if (cell >= spec.count) return;
        std::size_t piece_end = pos;
        while (piece_end < text.size() && text[piece_end] != ' ') ++piece_end;
        for (std::size_t e = pos + 1; e <= piece_end && e - pos <= kMaxDigits + 8; ++e) {
            if (!well_formed(text.substr(pos, e - pos), spec)) continue;
            // A number may not be followed by a sign-less continuation that makes the rest
            // impossible; that is found by the recursion itself.
            current.emplace_back(pos, e);
            bool ok = true;
            if (use_sums) {
                const int g = group_end[static_cast<std::size_t>(cell)];
                if (g >= 0) ok = group_holds(g);
            }
            if (ok) run(e);
            current.pop_back();
            if (found >= kCap) return;
        }
    }
};

} // namespace

SplitResult split_runtogether(std::string_view text, const SplitSpec& spec) {
    SplitResult r;
    if (spec.count <= 0 || text.size() > 200) return r;
    for (char c : text)
        if (!(is_digit(c) || c == ' ' || c == '.' || c == '+' || c == '-')) return r;
    Search plain(text, spec, false);
    plain.run(0);
    r.candidates = plain.found;
    const Search* chosen = nullptr;
    if (plain.found == 1) {
        chosen = &plain;
    } else if (plain.found > 1 && !spec.sum_groups.empty()) {
        Search summed(text, spec, true);
        summed.run(0);
        if (summed.found == 1) {
            r.cells = summed.first;
            r.used_sums = true;
            r.status = SplitResult::Status::unique;
        } else {
            r.status = summed.found == 0 ? SplitResult::Status::impossible : SplitResult::Status::ambiguous;
            if (summed.found >= 2) r.alternatives = {summed.first, summed.second};
        }
    } else {
        r.status = plain.found == 0 ? SplitResult::Status::impossible : SplitResult::Status::ambiguous;
        if (plain.found >= 2) r.alternatives = {plain.first, plain.second};
    }
    if (chosen) {
        r.cells = chosen->first;
        r.status = SplitResult::Status::unique;
    }
    if (r.status == SplitResult::Status::unique) {
        // Count space-separated pieces: more cells than pieces means digits were split.
        int pieces = 0;
        bool in_piece = false;
        for (char c : text) {
            if (c != ' ' && !in_piece) ++pieces;
            in_piece = c != ' ';
        }
        r.needed_split = pieces < spec.count;
    }
    return r;
}

} // namespace gk
