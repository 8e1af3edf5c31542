// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

// Readers of the table formats for the tests: what a spreadsheet or a script would do with a file
// normscope-cli or the window wrote, kept apart from the writers they check.

#include "engine/core/tensor.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

namespace normscope::test {

using TextGrid = std::vector<std::vector<std::string>>;

/// RFC 4180: fields split at commas outside quotes, "" inside quotes is a quote, lines end at \n.
inline TextGrid parseCsv(const std::string& text)
{
    TextGrid rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(field);
            field.clear();
        } else if (c == '\n') {
            row.push_back(field);
            field.clear();
            rows.push_back(row);
            row.clear();
        } else {
            field += c;
        }
    }
    return rows;
}

/// Lines at \n, fields at \t.
inline TextGrid parseTsv(const std::string& text)
{
    TextGrid rows;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::string line = text.substr(start, end - start);
        std::vector<std::string> row;
        std::size_t from = 0;
        for (;;) {
            const std::size_t tab = line.find('\t', from);
            row.push_back(line.substr(from, tab - from));
            if (tab == std::string::npos)
                break;
            from = tab + 1;
        }
        rows.push_back(row);
        start = end == std::string::npos ? text.size() : end + 1;
    }
    return rows;
}

/// The whole text as a number of this dtype, as numpy would read it: strtof for float32, strtod
/// for float64 ("nan", "inf", "-inf" included); nullopt unless every character is used.
inline std::optional<double> readNumber(const std::string& text, DType dtype)
{
    if (text.empty())
        return std::nullopt;
    char* end = nullptr;
    errno = 0;
    const double v =
        dtype == DType::Float32 ? double(std::strtof(text.c_str(), &end)) : std::strtod(text.c_str(), &end);
    if (*end != '\0')
        return std::nullopt;
    return v;
}

/// Same value in the dtype, bit for bit (the sign of zero included); any NaN equals any NaN.
inline bool sameInDtype(double a, double b, DType dtype)
{
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    if (dtype == DType::Float32) {
        const float fa = float(a), fb = float(b);
        return std::memcmp(&fa, &fb, sizeof fa) == 0;
    }
    return std::memcmp(&a, &b, sizeof a) == 0;
}

/// How often `needle` occurs in text.
inline int countOf(const std::string& text, const std::string& needle)
{
    int n = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size()))
        ++n;
    return n;
}

} // namespace normscope::test
