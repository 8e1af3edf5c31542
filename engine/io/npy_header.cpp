// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/io/npy_header.h"

#include "engine/core/error.h"
#include "engine/io/npy.h"

#include <cstdio>
#include <limits>

namespace normscope {

namespace {

/// A recursive-descent reader for the one dict shape numpy writes. Python's grammar is much larger;
/// anything outside this subset is refused, because numpy never writes it.
class HeaderParser {
public:
    explicit HeaderParser(const std::string& text) : text_(text) {}

    NpyHeader parse()
    {
        NpyHeader header;
        bool seenDescr = false, seenFortran = false, seenShape = false;
        skipSpace();
        if (!accept('{'))
            fail("expected '{' at the start, found " + here());
        skipSpace();
        while (!accept('}')) {
            if (peek() != '\'' && peek() != '"')
                fail("expected a quoted key or '}', found " + here());
            const std::string key = readString();
            skipSpace();
            if (!accept(':'))
                fail("expected ':' after key '" + printableNpyText(key) + "', found " + here());
            skipSpace();
            if (key == "descr") {
                markSeen(seenDescr, key);
                header.descr = readDescr();
            } else if (key == "fortran_order") {
                markSeen(seenFortran, key);
                header.fortranOrder = readBool(key);
            } else if (key == "shape") {
                markSeen(seenShape, key);
                header.shape = readShape();
            } else {
                fail("unknown key '" + printableNpyText(key) + "' (expected 'descr', 'fortran_order', 'shape')");
            }
            skipSpace();
            if (accept(',')) {
                skipSpace();
                continue;
            }
            if (peek() != '}')
                fail("expected ',' or '}' after the value of '" + key + "', found " + here());
        }
        skipSpace();
        if (!atEnd())
            fail("unexpected text after the closing '}': " + here());
        if (!seenDescr)
            fail("missing key 'descr'");
        if (!seenFortran)
            fail("missing key 'fortran_order'");
        if (!seenShape)
            fail("missing key 'shape'");
        return header;
    }

private:
    [[noreturn]] void fail(const std::string& problem) const { throw Error("malformed header: " + problem); }

    bool atEnd() const { return pos_ >= text_.size(); }
    char peek() const { return atEnd() ? '\0' : text_[pos_]; }

    /// What the parser is looking at, for messages.
    std::string here() const
    {
        return atEnd() ? "the end of the header" : "'" + printableNpyText(text_.substr(pos_)) + "'";
    }

    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++pos_;
    }

    bool accept(char c)
    {
        if (atEnd() || text_[pos_] != c)
            return false;
        ++pos_;
        return true;
    }

    void markSeen(bool& seen, const std::string& key) const
    {
        if (seen)
            fail("duplicate key '" + key + "'");
        seen = true;
    }

    std::string readString()
    {
        const char quote = text_[pos_++];
        std::string value;
        while (!atEnd() && peek() != quote) {
            // numpy never escapes anything in the keys or dtypes it writes; keep the escaped byte.
            if (peek() == '\\')
                ++pos_;
            if (!atEnd())
                value += text_[pos_++];
        }
        if (!accept(quote))
            fail("unterminated string");
        return value;
    }

    /// A run of characters that could form a Python name or number literal.
    std::string readWord()
    {
        const std::size_t start = pos_;
        while (!atEnd()) {
            const char c = peek();
            const bool wordChar = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
                || c == '.' || c == '+' || c == '-';
            if (!wordChar)
                break;
            ++pos_;
        }
        return text_.substr(start, pos_ - start);
    }

    std::string readDescr()
    {
        if (peek() == '[')
            throw Error("unsupported dtype: structured dtypes (a list in 'descr') are not supported; "
                        "expected '<f4' (float32) or '<f8' (float64)");
        if (peek() != '\'' && peek() != '"')
            fail("'descr' must be a string such as '<f4', found " + here());
        return readString();
    }

    bool readBool(const std::string& key)
    {
        const std::size_t start = pos_;
        const std::string word = readWord();
        if (word == "True")
            return true;
        if (word == "False")
            return false;
        pos_ = start;
        fail("'" + key + "' must be True or False, found " + here());
    }

    Shape readShape()
    {
        if (!accept('('))
            fail("'shape' must be a tuple such as (2, 3), found " + here());
        Shape shape;
        skipSpace();
        if (accept(')'))
            return shape;
        for (;;) {
            shape.push_back(readDimension());
            if (static_cast<int>(shape.size()) > kMaxNpyRank)
                throw Error("unsupported shape: more than " + std::to_string(kMaxNpyRank) + " dimensions");
            skipSpace();
            const bool comma = accept(',');
            skipSpace();
            if (accept(')')) {
                if (shape.size() == 1 && !comma)
                    fail("'shape' (" + std::to_string(shape[0]) + ") is not a tuple; a 1-element tuple is written ("
                         + std::to_string(shape[0]) + ",)");
                break;
            }
            if (!comma)
                fail("expected ',' or ')' in 'shape', found " + here());
        }
        checkProduct(shape);
        return shape;
    }

    std::int64_t readDimension()
    {
        const std::size_t start = pos_;
        std::string word = readWord();
        if (word.empty())
            fail("expected a dimension in 'shape', found " + here());
        const std::string shown = printableNpyText(word);
        // Python 2 numpy wrote dimensions as longs: (3L, 4L).
        if (word.size() > 1 && (word.back() == 'L' || word.back() == 'l'))
            word.pop_back();
        bool negative = false;
        std::size_t i = 0;
        if (word[0] == '+' || word[0] == '-') {
            negative = word[0] == '-';
            i = 1;
        }
        if (i == word.size()) {
            pos_ = start;
            fail("dimension " + here() + " in 'shape' is not an integer");
        }
        std::int64_t value = 0;
        for (; i < word.size(); ++i) {
            const char c = word[i];
            if (c < '0' || c > '9')
                fail("dimension '" + shown + "' in 'shape' is not an integer");
            const int digit = c - '0';
            if (value > (std::numeric_limits<std::int64_t>::max() - digit) / 10)
                fail("dimension " + shown + " in 'shape' does not fit in int64");
            value = value * 10 + digit;
        }
        if (negative && value != 0)
            fail("negative dimension " + shown + " in 'shape'");
        return value;
    }

    /// Zeros are skipped so that any order of multiplication of the dimensions stays in range.
    void checkProduct(const Shape& shape) const
    {
        std::int64_t product = 1;
        for (std::int64_t d : shape) {
            if (d == 0)
                continue;
            if (product > std::numeric_limits<std::int64_t>::max() / d)
                fail("shape " + toString(shape) + " overflows int64 when its dimensions are multiplied");
            product *= d;
        }
    }

    const std::string& text_;
    std::size_t pos_ = 0;
};

} // namespace

NpyHeader parseNpyHeader(const std::string& text)
{
    return HeaderParser(text).parse();
}

std::string printableNpyText(const std::string& text)
{
    constexpr std::size_t limit = 40;
    std::string out;
    for (std::size_t i = 0; i < text.size() && i < limit; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7f) {
            out += static_cast<char>(c);
        } else {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
            out += escaped;
        }
    }
    if (text.size() > limit)
        out += "...";
    return out;
}

std::string formatNpyHeader(const std::string& descr, const Shape& shape)
{
    return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + toString(shape) + ", }";
}

} // namespace normscope
