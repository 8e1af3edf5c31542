// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/report/table_writers.h"

namespace normscope {

namespace {

// A pipe inside a cell would end it; a line break would end the table.
std::string markdownCell(const std::string& text)
{
    std::string out;
    for (char c : text) {
        if (c == '|')
            out += "\\|";
        else if (c == '\n' || c == '\r')
            out += ' ';
        else
            out += c;
    }
    return out;
}

} // namespace

std::string writeMarkdownTable(const Table& table)
{
    const std::vector<bool> numeric = table.numericColumns();
    std::string out = "|";
    for (const std::string& column : table.columns)
        out += " " + markdownCell(column) + " |";
    out += "\n|";
    for (std::size_t i = 0; i < table.columns.size(); ++i)
        out += numeric[i] ? " ---: |" : " --- |";
    out += '\n';
    for (const auto& row : table.rows) {
        out += "|";
        for (const TableCell& cell : row)
            out += " " + markdownCell(table.text(cell)) + " |";
        out += '\n';
    }
    return out;
}

} // namespace normscope
