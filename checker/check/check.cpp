#include "check/check.hpp"
#include "check/coverage.hpp"
#include "check/span.hpp"
#include "check/suppress.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <iterator>
#include <system_error>

namespace gk {

bool applies_to(const Applicability& a, const Facts& f) { return applicability(a, f) == Applies::yes; }

std::string format_message(const std::string& tmpl, const std::map<std::string, std::string>& args,
                           std::string_view lang) {
    std::string out;
    out.reserve(tmpl.size() + 32);
    for (std::size_t i = 0; i < tmpl.size(); ++i) {
        if (tmpl[i] == '{') {
            const auto close = tmpl.find('}', i);
            if (close != std::string::npos) {
                const std::string name = tmpl.substr(i + 1, close - i - 1);
                auto it = args.end();
                if (lang == "en") it = args.find(name + "_en");
                if (it == args.end()) it = args.find(name);
                if (it != args.end()) { out += it->second; i = close; continue; }
            }
        }
        out.push_back(tmpl[i]);
    }
    return out;
}

Finding& Emitter::emit(SourceOffset at, const std::map<std::string, std::string>& args) {
    return emit(at, rule_.severity, args);
}

Finding& Emitter::emit(SourceOffset at, Severity severity, const std::map<std::string, std::string>& args) {
    Finding f;
    f.rule = rule_.id;
    f.severity = severity;
    f.offset = at;
    auto msg = [&](const char* lang) -> std::string {
        auto it = rule_.messages.find(lang);
        if (it == rule_.messages.end()) it = rule_.messages.find("zh");
        return it == rule_.messages.end() ? rule_.id : format_message(it->second, args, lang);
    };
    f.message.zh = msg("zh");
    f.message.en = msg("en");
    out_.push_back(std::move(f));
    return out_.back();
}

CheckRegistry& CheckRegistry::instance() {
    static CheckRegistry r;
    return r;
}
void CheckRegistry::add(const std::string& kind, CheckFactory factory) { factories_[kind] = std::move(factory); }
const CheckFactory* CheckRegistry::find(const std::string& kind) const {
    auto it = factories_.find(kind);
    return it == factories_.end() ? nullptr : &it->second;
}
std::vector<std::string> CheckRegistry::kinds() const {
    std::vector<std::string> k;
    for (const auto& [name, f] : factories_) k.push_back(name);
    return k;
}

namespace {

// Up to `threads` − 1 helper threads running `work` beside the caller's own call. A thread the
// system refuses (a process limit) is simply not started: the caller's loop does its share.
template <class Work>
void start_helpers(std::vector<std::thread>& pool, std::size_t threads, Work& work) {
    for (std::size_t t = 1; t < threads; ++t) {
        try {
            pool.emplace_back(work);
        } catch (const std::system_error&) {
            break;
        }
    }
}

} // namespace

RuleSet::RuleSet(const Catalogue& catalogue) : catalogue_(&catalogue) {
    const auto& rules = catalogue.rules();
    // Each rule's check is built on its own (a kind reads only its rule and the immutable
    // catalogue), so the builds are spread over the cores: compiling the kinds' patterns is most
    // of a single-file check's start-up. The first failure in rule order is the one reported.
    std::vector<std::unique_ptr<Check>> built(rules.size());
    std::vector<std::exception_ptr> failed(rules.size());
    std::atomic<std::size_t> next{0};
    auto build = [&] {
        for (std::size_t i; (i = next.fetch_add(1)) < rules.size();) {
            try {
                built[i] = make(rules[i], catalogue);
            } catch (...) {
                failed[i] = std::current_exception();
            }
        }
    };
    const unsigned threads = std::min<unsigned>(std::max(1u, std::thread::hardware_concurrency()), 4);
    std::vector<std::thread> pool;
    start_helpers(pool, std::min<std::size_t>(threads, rules.size()), build);
    build();
    for (auto& t : pool) t.join();
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (failed[i]) std::rethrow_exception(failed[i]);
        checks_.push_back(std::move(built[i]));
        enabled_.push_back(true);
        severity_.push_back(std::nullopt);
    }
}

std::unique_ptr<Check> RuleSet::make(const Rule& r, const Catalogue& catalogue) {
    const CheckFactory* factory = CheckRegistry::instance().find(r.kind);
    if (!factory) throw RulesetError(r.where() + "unknown check kind '" + r.kind + "'");
    std::unique_ptr<Check> check;
    try {
        check = (*factory)(r, catalogue);
    } catch (const std::exception& e) {
        const std::string what = e.what();
        // Kinds may name file:line themselves; otherwise the rule's line is the place.
        throw RulesetError(what.starts_with(r.file + ":") ? what : r.where() + "rule '" + r.id + "': " + what);
    }
    if (const auto unknown = r.params().unknown(); !unknown.empty()) {
        std::string names;
        for (const auto& n : unknown) names += (names.empty() ? "" : ", ") + n;
        throw RulesetError(r.where() + "rule '" + r.id + "': unknown parameter" + (unknown.size() > 1 ? "s " : " ") + names +
                           " for kind '" + r.kind + "' (see docs/RULES.md for its parameters)");
    }
    return check;
}

std::vector<Finding> RuleSet::run(const Document& doc, const Facts& facts) const { return run(doc, facts, enabled_); }

std::vector<Finding> RuleSet::run(const Document& doc, const Facts& facts, const std::vector<bool>& selection,
                                  unsigned threads) const {
    const auto& rules = catalogue_->rules();
    std::vector<std::size_t> todo; // the rules that run, in catalogue order
    for (std::size_t i = 0; i < rules.size(); ++i)
        if (i < selection.size() && selection[i] && applies_to(rules[i].applies, facts)) todo.push_back(i);
    // Each rule's findings apart, joined in rule order: the same list however the rules were spread.
    std::vector<std::deque<Finding>> found(todo.size());
    auto run_one = [&](std::size_t k) {
        const std::size_t i = todo[k];
        Emitter emitter(rules[i], found[k]);
        checks_[i]->run(doc, facts, emitter);
        if (severity_[i])
            for (auto& f : found[k]) f.severity = *severity_[i];
    };
    if (threads <= 1 || todo.size() < 2) {
        for (std::size_t k = 0; k < todo.size(); ++k) run_one(k);
    } else {
        std::vector<std::exception_ptr> failed(todo.size());
        std::atomic<std::size_t> next{0};
        auto work = [&] {
            for (std::size_t k; (k = next.fetch_add(1)) < todo.size();) {
                try {
                    run_one(k);
                } catch (...) {
                    failed[k] = std::current_exception();
                }
            }
        };
        std::vector<std::thread> pool;
        start_helpers(pool, threads, work);
        work();
        for (auto& t : pool) t.join();
        for (const auto& e : failed)
            if (e) std::rethrow_exception(e); // the first failing rule in catalogue order
    }
    std::vector<Finding> out;
    for (auto& list : found) out.insert(out.end(), std::make_move_iterator(list.begin()), std::make_move_iterator(list.end()));
    for (auto& f : out) complete_span(doc, f);
    sort_findings(out);
    return out;
}

bool RuleSet::names(std::string_view p, std::string_view id) {
    if (p.empty()) return false;
    if (id == p) return true;
    if (p.ends_with(".")) return id.starts_with(p);
    return id.size() > p.size() && id.starts_with(p) && id[p.size()] == '.';
}

void RuleSet::disable(const std::vector<std::string>& ids) { enabled_ = selection(ids, {}); }

void RuleSet::set_severity(const std::string& p, Severity severity) {
    const auto& rules = catalogue_->rules();
    for (std::size_t i = 0; i < rules.size(); ++i)
        if (names(p, rules[i].id)) severity_[i] = severity;
}

std::vector<bool> RuleSet::selection(const std::vector<std::string>& disable, const std::vector<std::string>& enable) const {
    const auto& rules = catalogue_->rules();
    std::vector<bool> out = enabled_;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        for (const auto& p : disable)
            if (names(p, rules[i].id)) out[i] = false;
        for (const auto& p : enable)
            if (names(p, rules[i].id)) out[i] = true;
    }
    return out;
}

std::vector<std::string> RuleSet::unknown_ids(const std::vector<std::string>& ids) const {
    std::vector<std::string> out;
    for (const auto& p : ids) {
        bool found = false;
        for (const auto& r : catalogue_->rules())
            if (names(p, r.id)) { found = true; break; }
        if (!found) out.push_back(p);
    }
    return out;
}

std::string selection_signature(const RuleSet& rules) {
    std::string out;
    for (std::size_t i = 0; i < rules.rules().size(); ++i) {
        out += rules.rules()[i].id;
        out += rules.enabled(i) ? " on" : " off";
        if (const auto s = rules.severity_override(i)) out += std::string(" ") + to_string(*s);
        out += '\n';
    }
    return out;
}

} // namespace gk
