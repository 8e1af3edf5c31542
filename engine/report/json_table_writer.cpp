// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/report/table_writers.h"

#include <cstdio>

namespace normscope {

namespace {

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
std::string jsonValue(const Table& table, const TableCell& cell)
{
    switch (cell.kind) {
    case TableCell::Kind::Empty: return "null";
    case TableCell::Kind::Text: return jsonString(cell.text);
    case TableCell::Kind::Integer: return std::to_string(cell.integer);
    case TableCell::Kind::Number: {
        const std::string text = table.text(cell);
        if (text == "nan")
            return "\"NaN\"";
        if (text == "inf")
            return "\"Infinity\"";
        if (text == "-inf")
            return "\"-Infinity\"";
        return text;
    }
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
