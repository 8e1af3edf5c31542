// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/report/table.h"

#include "engine/core/number_format.h"

namespace normscope {

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
