// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#include "engine/core/number_format.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <system_error>

namespace normscope {

namespace {

std::string nonFinite(double v)
{
    if (std::isnan(v))
        return "nan";
    return v > 0 ? "inf" : "-inf";
}

/// Rounds to float as IEEE does, without the undefined behaviour of casting a double beyond
/// float's range: up to half an ulp above FLT_MAX rounds down to it, from there on to infinity.
float toFloat(double v)
{
    constexpr double overflow = 0x1.ffffffp127; // FLT_MAX + half its ulp: ties go to inf (even)
    if (std::abs(v) <= double(std::numeric_limits<float>::max()))
        return static_cast<float>(v);
    const float sign = std::signbit(v) ? -1.0f : 1.0f;
    return sign
        * (std::abs(v) >= overflow ? std::numeric_limits<float>::infinity() : std::numeric_limits<float>::max());
}

template <typename... Args>
std::string chars(Args... args)
{
    // The longest text asked for: a fixed double with 17 decimals, 309 + 1 + 17 characters and a sign.
    char buffer[352];
    const std::to_chars_result r = std::to_chars(buffer, buffer + sizeof buffer, args...);
    if (r.ec != std::errc())
        throw std::logic_error("number_format: to_chars buffer too small");
    return std::string(buffer, r.ptr);
}

/// Shortest round trip in F, laid out as Python's repr (see the header).
template <typename F>
std::string shortest(F v)
{
    const std::string scientific = chars(v, std::chars_format::scientific); // "-1.2345e-05"
    const std::size_t e = scientific.find('e');
    const char* exponentBegin = scientific.data() + e + 1;
    if (*exponentBegin == '+')
        ++exponentBegin; // from_chars reads no '+'
    int exponent = 0;
    std::from_chars(exponentBegin, scientific.data() + scientific.size(), exponent);
    if (exponent < -4 || exponent >= 16)
        return scientific;

    // Positional, from the same digits: to_chars' own fixed format would spell a large float
    // exactly (1e15f as "999999986991104") where Python and NumPy pad the shortest digits with
    // zeros ("1000000000000000"), which reads back to the same float.
    const bool negative = scientific.front() == '-';
    std::string digits;
    for (std::size_t i = negative ? 1 : 0; i < e; ++i)
        if (scientific[i] != '.')
            digits += scientific[i];
    std::string out = negative ? "-" : "";
    if (exponent < 0)
        return out + "0." + std::string(std::size_t(-exponent - 1), '0') + digits;
    const std::size_t integral = std::size_t(exponent) + 1;
    if (digits.size() <= integral)
        return out + digits + std::string(integral - digits.size(), '0');
    return out + digits.substr(0, integral) + "." + digits.substr(integral);
}

} // namespace

std::string formatShortest(double v, DType dtype)
{
    if (!std::isfinite(v))
        return nonFinite(v);
    if (dtype == DType::Float64)
        return shortest(v);
    const float f = toFloat(v);
    return std::isfinite(f) ? shortest(f) : nonFinite(double(f));
}

std::string formatPythonFloat(double v, DType dtype)
{
    if (std::isnan(v))
        return "float('nan')";
    const std::string text = formatShortest(v, dtype);
    if (text == "inf")
        return "float('inf')";
    if (text == "-inf")
        return "-float('inf')";
    // Python reads "3" as an int: a positional integral value needs its ".0".
    if (text.find_first_of(".e") == std::string::npos)
        return text + ".0";
    return text;
}

std::string formatSignificant(double v, int digits)
{
    if (!std::isfinite(v))
        return nonFinite(v);
    if (v == 0)
        return "0";
    return chars(v, std::chars_format::general, std::clamp(digits, 1, 17));
}

std::string formatFixed(double v, int decimals)
{
    if (!std::isfinite(v))
        return nonFinite(v);
    return chars(v, std::chars_format::fixed, std::clamp(decimals, 0, 17));
}

std::string formatScientific(double v, int decimals)
{
    if (!std::isfinite(v))
        return nonFinite(v);
    return chars(v, std::chars_format::scientific, std::clamp(decimals, 0, 17));
}

} // namespace normscope
