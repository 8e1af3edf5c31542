// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/shape.h"
#include "engine/core/tensor.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace normscope {

/// One cell of a Table: empty (a refused norm's numbers, RMSNorm's mean range), text (a group's
/// label, a module), an integer (a count) or a number written in the table's dtype.
struct TableCell {
    enum class Kind { Empty, Text, Integer, Number };
    Kind kind = Kind::Empty;
    std::string text;
    std::int64_t integer = 0;
    double number = 0;

    static TableCell empty() { return {}; }
    static TableCell ofText(std::string text);
    static TableCell ofInteger(std::int64_t value);
    static TableCell ofNumber(double value);
};

/**
 * A result table as every format writes it, built once (statistics_table.h, comparison.h) and
 * handed to the writers (table_format.h), so the window's table, its copy and export and
 * normscope-cli's --table-out write the same cells. Numbers are written with
 * formatShortest(value, dtype): the shortest text that reads back to the same value in the
 * tensor's dtype.
 */
struct Table {
    std::vector<std::string> columns; ///< the contract's names (../shared/cli.md), also the JSON keys
    std::vector<std::vector<TableCell>> rows;
    DType dtype = DType::Float64;
    Shape shape; ///< the input's shape (JSON "shape")
    /// JSON "spec": member names and values already written as JSON ("3", "\"group\"", "null").
    std::vector<std::pair<std::string, std::string>> spec;

    /// A cell as plain text: numbers by formatShortest ("nan", "inf", "-inf" included), integers in
    /// decimal, empty cells as "".
    std::string text(const TableCell& cell) const;
    /// Per column: true when it holds numbers or integers and no text (right-aligned by the writers).
    std::vector<bool> numericColumns() const;
};

/// JSON text for Table::spec and the JSON writer: a string quoted and escaped; a parameter as a
/// number (float64 shortest form), null for None, and "NaN"/"Infinity"/"-Infinity" as strings.
std::string jsonString(const std::string& text);
std::string jsonNumber(const std::optional<double>& value);
/// A number's text ("nan", "inf", "-inf" or finite) as a JSON value.
std::string jsonNumberText(const std::string& text);

} // namespace normscope
