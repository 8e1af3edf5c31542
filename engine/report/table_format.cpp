// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/report/table_format.h"

#include "engine/core/error.h"
#include "engine/report/table_writers.h"

#include <algorithm>
#include <cctype>

namespace normscope {

const std::vector<TableFormatInfo>& tableFormats()
{
    static const std::vector<TableFormatInfo> formats{
        {TableFormat::Csv, ".csv", "CSV"},          {TableFormat::Tsv, ".tsv", "TSV"},
        {TableFormat::Markdown, ".md", "Markdown"}, {TableFormat::Latex, ".tex", "LaTeX"},
        {TableFormat::Json, ".json", "JSON"},       {TableFormat::Html, ".html", "HTML"},
    };
    return formats;
}

const TableFormatInfo& tableFormatInfo(TableFormat format)
{
    for (const TableFormatInfo& info : tableFormats())
        if (info.format == format)
            return info;
    return tableFormats().front();
}

std::optional<TableFormat> tableFormatForExtension(const std::string& extension)
{
    std::string lower = extension;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const TableFormatInfo& info : tableFormats())
        if (lower == info.extension)
            return info.format;
    return std::nullopt;
}

TableFormat tableFormatForPath(const std::string& path)
{
    const std::size_t slash = path.find_last_of('/');
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    const std::size_t dot = name.find_last_of('.');
    const std::string extension = dot == std::string::npos || dot == 0 ? std::string() : name.substr(dot);
    if (const auto format = tableFormatForExtension(extension))
        return *format;
    std::string known;
    for (const TableFormatInfo& info : tableFormats())
        known += (known.empty() ? "" : ", ") + std::string(info.extension);
    throw Error("'" + path + "': "
                + (extension.empty() ? std::string("no extension") : "unknown table extension '" + extension + "'")
                + " (known: " + known + ")");
}

std::string writeTable(const Table& table, TableFormat format)
{
    switch (format) {
    case TableFormat::Csv: return writeCsvTable(table);
    case TableFormat::Tsv: return writeTsvTable(table);
    case TableFormat::Markdown: return writeMarkdownTable(table);
    case TableFormat::Latex: return writeLatexTable(table);
    case TableFormat::Json: return writeJsonTable(table);
    case TableFormat::Html: return writeHtmlTable(table);
    }
    return {};
}

} // namespace normscope
