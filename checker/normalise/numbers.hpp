// Amounts are read by normalise/grammar.hpp (grammar::parse_number). This header only keeps the
// old spelling for checker/report/json_tables.cpp until that file includes grammar.hpp itself.
#pragma once

#include "normalise/grammar.hpp"

namespace gk {
using grammar::Number;
using grammar::parse_number;
} // namespace gk
