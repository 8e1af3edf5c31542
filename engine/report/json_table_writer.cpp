// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/report/table_writers.h"

namespace normscope {

namespace {

std::string jsonValue(const Table& table, const TableCell& cell)
{
    switch (cell.kind) {
    case TableCell::Kind::Empty: return "null";
    case TableCell::Kind::Text: return jsonString(cell.text);
    case TableCell::Kind::Integer: return std::to_string(cell.integer);
    case TableCell::Kind::Number: return jsonNumberText(table.text(cell));
    }
    return "null";
}

} // namespace

std::string writeJsonTable(const Table& table)
{
    std::string out = "{\n  \"format\": \"normscope-table\",\n  \"version\": 1,\n  \"spec\": {";
    for (std::size_t i = 0; i < table.spec.size(); ++i)
        out += (i ? ", " : "") + jsonString(table.spec[i].first) + ": " + table.spec[i].second;
    out += "},\n  \"shape\": [";
    for (std::size_t i = 0; i < table.shape.size(); ++i)
        out += (i ? ", " : "") + std::to_string(table.shape[i]);
    out += "],\n  \"dtype\": " + jsonString(toString(table.dtype)) + ",\n  \"columns\": [";
    for (std::size_t i = 0; i < table.columns.size(); ++i)
        out += (i ? ", " : "") + jsonString(table.columns[i]);
    out += "],\n  \"rows\": [";
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        out += (r ? ",\n    [" : "\n    [");
        const auto& row = table.rows[r];
        for (std::size_t i = 0; i < row.size(); ++i)
            out += (i ? ", " : "") + jsonValue(table, row[i]);
        out += "]";
    }
    out += table.rows.empty() ? "]\n}\n" : "\n  ]\n}\n";
    return out;
}

} // namespace normscope
