// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/report/table.h"

#include "engine/core/number_format.h"

#include <cstdio>

namespace normscope {

std::string jsonString(const std::string& text)
{
    std::string out = "\"";
    for (char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
                out += buffer;
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

// JSON has no NaN or infinity: they are the strings Python's json module and JavaScript print.
std::string jsonNumberText(const std::string& text)
{
    if (text == "nan")
        return "\"NaN\"";
    if (text == "inf")
        return "\"Infinity\"";
    if (text == "-inf")
        return "\"-Infinity\"";
    return text;
}

std::string jsonNumber(const std::optional<double>& value)
{
    return value ? jsonNumberText(formatShortest(*value, DType::Float64)) : std::string("null");
}

TableCell TableCell::ofText(std::string text)
{
    TableCell c;
    c.kind = Kind::Text;
    c.text = std::move(text);
    return c;
}

TableCell TableCell::ofInteger(std::int64_t value)
{
    TableCell c;
    c.kind = Kind::Integer;
    c.integer = value;
    return c;
}

TableCell TableCell::ofNumber(double value)
{
    TableCell c;
    c.kind = Kind::Number;
    c.number = value;
    return c;
}

std::string Table::text(const TableCell& cell) const
{
    switch (cell.kind) {
    case TableCell::Kind::Empty: return {};
    case TableCell::Kind::Text: return cell.text;
    case TableCell::Kind::Integer: return std::to_string(cell.integer);
    case TableCell::Kind::Number: return formatShortest(cell.number, dtype);
    }
    return {};
}

std::vector<bool> Table::numericColumns() const
{
    std::vector<bool> numeric(columns.size(), false);
    std::vector<bool> mixed(columns.size(), false);
    for (const auto& row : rows)
        for (std::size_t i = 0; i < row.size() && i < numeric.size(); ++i) {
            if (row[i].kind == TableCell::Kind::Number || row[i].kind == TableCell::Kind::Integer)
                numeric[i] = true;
            else if (row[i].kind == TableCell::Kind::Text)
                mixed[i] = true;
        }
    for (std::size_t i = 0; i < numeric.size(); ++i)
        numeric[i] = numeric[i] && !mixed[i];
    return numeric;
}

} // namespace normscope
