// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/report/table_writers.h"

namespace normscope {

namespace {

std::string htmlText(const std::string& text)
{
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

} // namespace

std::string writeHtmlTable(const Table& table)
{
    const std::vector<bool> numeric = table.numericColumns();
    // The charset makes a saved file's non-ASCII text (a refusal's "…") read right; a paste keeps it.
    std::string out = "<meta charset=\"utf-8\">\n<table>\n<thead>\n<tr>";
    for (const std::string& column : table.columns)
        out += "<th>" + htmlText(column) + "</th>";
    out += "</tr>\n</thead>\n<tbody>\n";
    for (const auto& row : table.rows) {
        out += "<tr>";
        for (std::size_t i = 0; i < row.size(); ++i)
            out += (i < numeric.size() && numeric[i] ? "<td style=\"text-align: right\">" : "<td>")
                + htmlText(table.text(row[i])) + "</td>";
        out += "</tr>\n";
    }
    return out + "</tbody>\n</table>\n";
}

} // namespace normscope
