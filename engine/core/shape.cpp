// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/core/shape.h"

#include "engine/core/error.h"

#include <cerrno>
#include <cstdlib>
#include <limits>
#include <sstream>

namespace normscope {

namespace {

/// The exact product of the sizes in decimal, however large: the message must show the true size,
/// not a wrapped one. Schoolbook multiplication of little-endian decimal digits.
std::string exactProduct(const Shape& shape)
{
    std::vector<int> product{1};
    for (std::int64_t d : shape) {
        std::vector<int> factor;
        for (std::uint64_t v = static_cast<std::uint64_t>(d); v > 0; v /= 10)
            factor.push_back(static_cast<int>(v % 10));
        if (factor.empty())
            return "0";
        std::vector<int> next(product.size() + factor.size() + 1, 0);
        for (std::size_t i = 0; i < product.size(); ++i)
            for (std::size_t j = 0; j < factor.size(); ++j)
                next[i + j] += product[i] * factor[j];
        for (std::size_t k = 0; k + 1 < next.size(); ++k) {
            next[k + 1] += next[k] / 10;
            next[k] %= 10;
        }
        while (next.size() > 1 && next.back() == 0)
            next.pop_back();
        product = std::move(next);
    }
    std::string text;
    for (auto it = product.rbegin(); it != product.rend(); ++it)
        text += static_cast<char>('0' + *it);
    return text;
}

} // namespace

std::int64_t numel(const Shape& shape)
{
    std::int64_t n = 1;
    for (std::int64_t d : shape)
        if (d < 0)
            throw Error("shape " + toString(shape) + " has a negative size");
    // A zero anywhere makes the count zero, whatever the order of the other sizes.
    for (std::int64_t d : shape)
        if (d == 0)
            return 0;
    for (std::int64_t d : shape) {
        if (__builtin_mul_overflow(n, d, &n))
            throw Error("shape " + toString(shape) + " has " + exactProduct(shape)
                        + " elements, more than NormScope can count (at most 9223372036854775807)");
    }
    return n;
}

std::string toString(const Shape& shape)
{
    std::ostringstream out;
    out << '(';
    for (std::size_t i = 0; i < shape.size(); ++i)
        out << (i ? ", " : "") << shape[i];
    if (shape.size() == 1)
        out << ',';
    out << ')';
    return out.str();
}

std::string toListString(const Shape& shape)
{
    std::ostringstream out;
    out << '[';
    for (std::size_t i = 0; i < shape.size(); ++i)
        out << (i ? ", " : "") << shape[i];
    out << ']';
    return out.str();
}

Shape parseShape(const std::string& text, const std::string& what)
{
    Shape shape;
    std::istringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        const auto first = item.find_first_not_of(" \t");
        const auto last = item.find_last_not_of(" \t");
        const std::string trimmed = first == std::string::npos ? "" : item.substr(first, last - first + 1);
        errno = 0;
        char* end = nullptr;
        const long long value = std::strtoll(trimmed.c_str(), &end, 10);
        if (trimmed.empty() || *end != '\0' || errno == ERANGE || value <= 0
            || value > std::numeric_limits<std::int32_t>::max())
            throw Error(what + " must be a comma-separated list of positive integers, got '" + text + "'");
        shape.push_back(value);
    }
    if (shape.empty())
        throw Error(what + " must not be empty");
    return shape;
}

} // namespace normscope
