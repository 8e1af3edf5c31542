// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/options/tensor_literal.h"

#include "engine/core/error.h"

#include <cctype>
#include <charconv>
#include <limits>

namespace normscope {

namespace {

constexpr int kMaxRank = 5;

bool isWordChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '+' || c == '-';
}

/// A recursive-descent reader over the text; every error names the 1-based character position.
class LiteralReader {
public:
    explicit LiteralReader(const std::string& text) : text_(text) {}

    TensorLiteral read()
    {
        skipSpace();
        if (pos_ == text_.size())
            throw Error("the tensor is empty: expected a nested list such as [[0,1,2],[3,4,5]] or arange(n)");
        TensorLiteral out;
        const std::string word = peekIdentifier();
        if (isArange(word)) {
            out = readArange();
        } else {
            bool call = false;
            if (text_[pos_] != '[') {
                // tensor( / np.array( / torch.tensor(
                if (!isConstructor(word))
                    throw bad("expected '[' or arange(n)");
                pos_ += word.size();
                skipSpace();
                expect('(');
                call = true;
            }
            readList(0, out);
            if (call)
                skipKeywordArguments();
        }
        skipSpace();
        if (pos_ != text_.size())
            throw bad("unexpected text after the tensor");
        return out;
    }

private:
    Error bad(const std::string& what) const { return errorAt(pos_, what); }
    Error errorAt(std::size_t at, const std::string& what) const
    {
        std::string near = text_.substr(at, 12);
        for (char& c : near)
            if (c == '\n' || c == '\r' || c == '\t')
                c = ' ';
        return Error("tensor literal, character " + std::to_string(at + 1) + ": " + what
                     + (at < text_.size() ? ", at '" + near + "'" : ", at the end of the text"));
    }

    void skipSpace()
    {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_])))
            ++pos_;
    }

    void expect(char c)
    {
        skipSpace();
        if (pos_ >= text_.size() || text_[pos_] != c)
            throw bad(std::string("expected '") + c + "'");
        ++pos_;
    }

    std::string peekIdentifier() const
    {
        std::size_t end = pos_;
        while (end < text_.size()
               && (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_' || text_[end] == '.'))
            ++end;
        return text_.substr(pos_, end - pos_);
    }

    static bool isArange(const std::string& w)
    {
        return w == "arange" || w == "torch.arange" || w == "np.arange" || w == "numpy.arange";
    }
    static bool isConstructor(const std::string& w)
    {
        return w == "tensor" || w == "torch.tensor" || w == "array" || w == "np.array" || w == "numpy.array"
            || w == "torch.Tensor";
    }

    /// `, dtype=torch.float64, requires_grad=True)`: what PyTorch prints after the values.
    void skipKeywordArguments()
    {
        skipSpace();
        while (pos_ < text_.size() && text_[pos_] == ',') {
            ++pos_;
            skipSpace();
            const std::string name = peekIdentifier();
            if (name.empty())
                throw bad("expected a keyword argument such as dtype=torch.float64");
            pos_ += name.size();
            expect('=');
            skipSpace();
            const std::size_t before = pos_;
            while (pos_ < text_.size() && isWordChar(text_[pos_]))
                ++pos_;
            if (pos_ == before)
                throw bad("expected the value of " + name);
            skipSpace();
        }
        expect(')');
    }

    /// A number token: [+-] then digits with an optional point and exponent, or nan/inf.
    double readNumber()
    {
        const std::size_t start = pos_;
        std::size_t end = pos_;
        while (end < text_.size() && isWordChar(text_[end]))
            ++end;
        std::string token = text_.substr(start, end - start);
        if (token.empty())
            throw bad("expected a number");
        bool negative = false;
        std::string body = token;
        if (body[0] == '+' || body[0] == '-') {
            negative = body[0] == '-';
            body.erase(0, 1);
        }
        double v = 0;
        if (body == "nan" || body == "NaN") {
            v = std::numeric_limits<double>::quiet_NaN();
        } else if (body == "inf" || body == "Inf" || body == "infinity") {
            v = std::numeric_limits<double>::infinity();
        } else {
            bool digits = false;
            bool allowed = !body.empty() && body[0] != '+' && body[0] != '-';
            for (const char c : body) {
                if (std::isdigit(static_cast<unsigned char>(c)))
                    digits = true;
                else if (c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-')
                    allowed = false;
            }
            const char* first = body.data();
            const char* last = body.data() + body.size();
            const auto [ptr, ec] = std::from_chars(first, last, v, std::chars_format::general);
            // Out of range reads as PyTorch would: 1e400 is inf, 1e-400 is 0.
            if (!digits || !allowed || ptr != last || (ec != std::errc() && ec != std::errc::result_out_of_range))
                throw errorAt(start, "'" + token + "' is not a number");
            if (ec == std::errc::result_out_of_range)
                v = body.find_first_of("eE") != std::string::npos && body[body.find_first_of("eE") + 1] == '-'
                    ? 0.0
                    : std::numeric_limits<double>::infinity();
        }
        pos_ = end;
        return negative ? -v : v;
    }

    /// One list at this depth; fixes the shape on its first list of each depth, and holds every later
    /// list of that depth to it.
    void readList(int depth, TensorLiteral& out)
    {
        skipSpace();
        const std::size_t open = pos_;
        expect('[');
        if (depth + 1 > kMaxRank)
            throw errorAt(open, "rank above " + std::to_string(kMaxRank) + " (NormScope takes tensors of rank 1 to 5)");
        skipSpace();
        std::int64_t count = 0;
        bool nested = false;
        if (pos_ < text_.size() && text_[pos_] != ']') {
            nested = text_[pos_] == '[';
            for (;;) {
                skipSpace();
                const bool isList = pos_ < text_.size() && text_[pos_] == '[';
                if (isList != nested)
                    throw bad(nested ? "ragged list: expected a list like the first element, got a number"
                                     : "ragged list: expected a number like the first element, got a list");
                if (isList) {
                    readList(depth + 1, out);
                } else {
                    if (static_cast<std::int64_t>(out.values.size()) >= kMaxLiteralElements)
                        throw bad("more than " + std::to_string(kMaxLiteralElements) + " elements (NormScope's limit)");
                    out.values.push_back(readNumber());
                }
                ++count;
                skipSpace();
                if (pos_ < text_.size() && text_[pos_] == ',') {
                    ++pos_;
                    skipSpace();
                    if (pos_ < text_.size() && text_[pos_] == ']')
                        break; // a trailing comma, as Python allows
                    continue;
                }
                break;
            }
        }
        skipSpace();
        if (pos_ >= text_.size() || text_[pos_] != ']')
            throw bad("expected ',' or ']'");
        if (count == 0)
            throw errorAt(open, "empty list: every dimension needs at least one element");
        if (!nested && depthOfLeaves_ >= 0 && depth != depthOfLeaves_)
            throw errorAt(open,
                          "ragged list: numbers at depth " + std::to_string(depth + 1) + " and "
                              + std::to_string(depthOfLeaves_ + 1));
        if (!nested)
            depthOfLeaves_ = depth;
        if (static_cast<int>(out.shape.size()) <= depth) {
            out.shape.resize(static_cast<std::size_t>(depth) + 1, -1);
        }
        if (out.shape[static_cast<std::size_t>(depth)] < 0)
            out.shape[static_cast<std::size_t>(depth)] = count;
        else if (out.shape[static_cast<std::size_t>(depth)] != count)
            throw errorAt(open,
                          "ragged list: " + std::to_string(count) + " elements where the first list at depth "
                              + std::to_string(depth + 1) + " has "
                              + std::to_string(out.shape[static_cast<std::size_t>(depth)]));
        ++pos_;
    }

    std::int64_t readInteger(const char* what)
    {
        skipSpace();
        const std::size_t start = pos_;
        std::int64_t v = 0;
        const auto [ptr, ec] = std::from_chars(text_.data() + pos_, text_.data() + text_.size(), v);
        if (ec != std::errc() || ptr == text_.data() + pos_)
            throw bad(std::string("expected ") + what + " (a whole number)");
        pos_ = static_cast<std::size_t>(ptr - text_.data());
        if (v <= 0)
            throw errorAt(start, std::string(what) + " must be at least 1, got " + std::to_string(v));
        if (v > kMaxLiteralElements)
            throw errorAt(start,
                          std::string(what) + " " + std::to_string(v) + " is more than "
                              + std::to_string(kMaxLiteralElements) + " elements (NormScope's limit)");
        return v;
    }

    TensorLiteral readArange()
    {
        pos_ += peekIdentifier().size();
        expect('(');
        const std::int64_t n = readInteger("arange's n");
        expect(')');
        TensorLiteral out;
        out.shape = {n};
        skipSpace();
        const std::string method = peekIdentifier();
        if (method == ".reshape" || method == ".view") {
            const std::size_t at = pos_;
            pos_ += method.size();
            expect('(');
            skipSpace();
            // reshape((2, 3)) and reshape(2, 3) both work in NumPy and PyTorch.
            const bool tuple = pos_ < text_.size() && text_[pos_] == '(';
            if (tuple)
                ++pos_;
            Shape shape;
            std::int64_t count = 1;
            for (;;) {
                if (static_cast<int>(shape.size()) == kMaxRank)
                    throw bad("rank above " + std::to_string(kMaxRank) + " (NormScope takes tensors of rank 1 to 5)");
                const std::int64_t d = readInteger("a dimension");
                shape.push_back(d);
                count = count > kMaxLiteralElements ? count : count * d;
                skipSpace();
                if (pos_ < text_.size() && text_[pos_] == ',') {
                    ++pos_;
                    skipSpace();
                    if (pos_ < text_.size() && text_[pos_] == ')')
                        break;
                    continue;
                }
                break;
            }
            if (tuple)
                expect(')');
            expect(')');
            if (count != n)
                throw errorAt(at,
                              "cannot reshape arange(" + std::to_string(n) + ") into " + toString(shape) + " ("
                                  + std::to_string(n) + " elements)");
            out.shape = shape;
        } else if (!method.empty()) {
            throw bad("expected .reshape(...) after arange(n)");
        }
        out.values.resize(static_cast<std::size_t>(n));
        for (std::int64_t i = 0; i < n; ++i)
            out.values[static_cast<std::size_t>(i)] = static_cast<double>(i);
        return out;
    }

    const std::string& text_;
    std::size_t pos_ = 0;
    int depthOfLeaves_ = -1;
};

} // namespace

TensorLiteral parseTensorLiteral(const std::string& text)
{
    return LiteralReader(text).read();
}

AnyTensor toTensor(const TensorLiteral& literal, DType dtype)
{
    if (dtype == DType::Float64)
        return Tensor<double>(literal.shape, literal.values);
    std::vector<float> values(literal.values.begin(), literal.values.end());
    return Tensor<float>(literal.shape, values);
}

} // namespace normscope
