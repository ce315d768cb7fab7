#include <catch2/catch.hpp>

#include "core/decimal.hpp"
#include "core/text.hpp"

using namespace gk;

TEST_CASE("LineIndex counts columns in code points", "[core]") {
    const std::string s = "ab\n总计 12\r\nx";
    LineIndex idx(s);
    CHECK(idx.at(0).line == 1);
    const auto p = idx.at(static_cast<SourceOffset>(s.find("12")));
    CHECK(p.line == 2);
    CHECK(p.column == 4);
    CHECK(idx.at(static_cast<SourceOffset>(s.find('x'))).line == 3);
}

TEST_CASE("MappedText keeps origins through substr", "[core]") {
    MappedText t;
    t.append_run("abc", 10);
    t.append_synthetic(" ", 13);
    t.append_run("de", 20);
    CHECK(t.substr(4, 2).text == "de");
    CHECK(t.substr(4, 2).source_at(0) == 20);
    CHECK(t.source_at(99) == 21);
}

TEST_CASE("Decimal arithmetic is exact", "[core]") {
    auto a = Decimal::parse("0.1"), b = Decimal::parse("0.2"), c = Decimal::parse("0.3");
    REQUIRE(a); REQUIRE(b); REQUIRE(c);
    CHECK(*a + *b == *c);
    CHECK(Decimal::parse("+3")->str() == "3");
    CHECK(Decimal::parse("-129")->is_negative());
    CHECK(Decimal::parse("3.61")->scaled(100000000).str() == "361000000");
    CHECK_FALSE(Decimal::parse("12a"));
    CHECK_FALSE(Decimal::parse(""));
    CHECK(Decimal::parse("1,234.50")->str() == "1234.5");
}

TEST_CASE("utf8 validation", "[core]") {
    CHECK(utf8::is_valid("总计"));
    CHECK_FALSE(utf8::is_valid(std::string("\xff\xfe", 2)));
    CHECK(utf8::count_code_points("总计a") == 3);
}
