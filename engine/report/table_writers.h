// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

// One writer per format, one file each (csv_table_writer.cpp, latex_table_writer.cpp, ...): a new
// format is a new file and a line in table_format.cpp. Callers use writeTable() (table_format.h).

#include "engine/report/table.h"

#include <string>

namespace normscope {

std::string writeCsvTable(const Table& table);      ///< RFC 4180: comma, CRLF-free, quoted where needed
std::string writeTsvTable(const Table& table);      ///< tab separated; tabs and newlines in text become spaces
std::string writeMarkdownTable(const Table& table); ///< a GitHub pipe table, numbers right-aligned
std::string writeLatexTable(const Table& table);    ///< a booktabs tabular (needs \usepackage{booktabs})
std::string writeJsonTable(const Table& table);     ///< {"format": "normscope-table", "version": 1, ...}
std::string writeHtmlTable(const Table& table);     ///< a <table> with <thead> and <tbody>

} // namespace normscope
