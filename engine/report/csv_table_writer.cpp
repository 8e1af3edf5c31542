// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/report/table_writers.h"

namespace normscope {

namespace {

// RFC 4180: a field with a separator, a quote or a line break is quoted, its quotes doubled.
std::string csvField(const std::string& text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string out = "\"";
    for (char c : text)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// TSV has no quoting: a tab or line break inside a field would split it, so it becomes a space.
std::string tsvField(std::string text)
{
    for (char& c : text)
        if (c == '\t' || c == '\n' || c == '\r')
            c = ' ';
    return text;
}

template <typename Field>
std::string delimited(const Table& table, char separator, Field field)
{
    std::string out;
    for (std::size_t i = 0; i < table.columns.size(); ++i)
        out += (i ? std::string(1, separator) : std::string()) + field(table.columns[i]);
    out += '\n';
    for (const auto& row : table.rows) {
        for (std::size_t i = 0; i < row.size(); ++i)
            out += (i ? std::string(1, separator) : std::string()) + field(table.text(row[i]));
        out += '\n';
    }
    return out;
}

} // namespace

std::string writeCsvTable(const Table& table)
{
    return delimited(table, ',', csvField);
}

std::string writeTsvTable(const Table& table)
{
    return delimited(table, '\t', tsvField);
}

} // namespace normscope
