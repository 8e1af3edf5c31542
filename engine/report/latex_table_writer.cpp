// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/report/table_writers.h"

namespace normscope {

namespace {

// LaTeX's ten special characters, plus < and > (which OT1 fonts print as inverted marks).
std::string latexText(const std::string& text)
{
    std::string out;
    for (char c : text) {
        switch (c) {
        case '\\': out += "\\textbackslash{}"; break;
        case '{': out += "\\{"; break;
        case '}': out += "\\}"; break;
        case '&': out += "\\&"; break;
        case '%': out += "\\%"; break;
        case '$': out += "\\$"; break;
        case '#': out += "\\#"; break;
        case '_': out += "\\_"; break;
        case '~': out += "\\textasciitilde{}"; break;
        case '^': out += "\\textasciicircum{}"; break;
        case '<': out += "\\textless{}"; break;
        case '>': out += "\\textgreater{}"; break;
        case '\n':
        case '\r': out += ' '; break;
        default: out += c;
        }
    }
    return out;
}

std::string latexRow(const std::vector<std::string>& cells)
{
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i)
        out += (i ? " & " : "") + latexText(cells[i]);
    return out + " \\\\\n";
}

} // namespace

std::string writeLatexTable(const Table& table)
{
    const std::vector<bool> numeric = table.numericColumns();
    std::string spec;
    for (bool n : numeric)
        spec += n ? 'r' : 'l';
    std::string out = "\\begin{tabular}{" + spec + "}\n\\toprule\n" + latexRow(table.columns) + "\\midrule\n";
    for (const auto& row : table.rows) {
        std::vector<std::string> cells;
        cells.reserve(row.size());
        for (const TableCell& cell : row)
            cells.push_back(table.text(cell));
        out += latexRow(cells);
    }
    return out + "\\bottomrule\n\\end{tabular}\n";
}

} // namespace normscope
