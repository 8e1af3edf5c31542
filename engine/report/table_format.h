// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/report/table.h"

#include <optional>
#include <string>
#include <vector>

namespace normscope {

/// The text formats a Table is written in (../shared/cli.md, "Statistics tables").
enum class TableFormat { Csv, Tsv, Markdown, Latex, Json, Html };

/// One format: its file extension (with the dot) and what a file dialog calls it.
struct TableFormatInfo {
    TableFormat format;
    const char* extension; ///< ".csv"
    const char* name;      ///< "CSV"
};

/// Every format, in the order a file dialog lists them.
const std::vector<TableFormatInfo>& tableFormats();
const TableFormatInfo& tableFormatInfo(TableFormat format);

/// The format of a file name's extension (".CSV" as ".csv"); nullopt for any other.
std::optional<TableFormat> tableFormatForExtension(const std::string& extension);

/// The format a file is written in, from its extension. Throws Error naming the file and listing
/// the known extensions when there is none or it is unknown.
TableFormat tableFormatForPath(const std::string& path);

/// The table as text in the format: what a file of that format holds and what a copy puts on the
/// clipboard (TSV as text/plain, HTML as text/html).
std::string writeTable(const Table& table, TableFormat format);

} // namespace normscope
