// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// Every table format read back as a reader would read it equals the engine's numbers exactly, in
// the tensor's dtype; text cells survive their format's escaping; the format follows the extension.

#include "engine/core/error.h"
#include "engine/kernels/forward.h"
#include "engine/report/group_summary.h"
#include "engine/report/statistics_table.h"
#include "engine/report/table_format.h"
#include "tests/support/random_tensor.h"
#include "tests/support/table_parsing.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <limits>

using namespace normscope;
using namespace normscope::test;

Q_DECLARE_METATYPE(normscope::Table)

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Text that every format has to escape, one awkward value per row.
Table awkwardTable(DType dtype)
{
    Table t;
    t.dtype = dtype;
    t.shape = {2, 3};
    t.spec = {{"norm", "\"batch\""}};
    t.columns = {"label_1", "count", "value"};
    const double tiny = dtype == DType::Float32 ? double(std::numeric_limits<float>::denorm_min()) : 5e-324;
    const double big = dtype == DType::Float32 ? double(std::numeric_limits<float>::max()) : 1.7976931348623157e308;
    const std::vector<std::pair<std::string, double>> rows{
        {"a,b \"quoted\"", 0.3},
        {"x|y & 50% #1 _z <b>", kNaN},
        {"back\\slash {braces} $ ~ ^", kInf},
        {"", -kInf},
        {"minus zero", -0.0},
        {"tiny", tiny},
        {"huge", big},
        {"third", 1.0 / 3.0},
        {"sum", 0.1 + 0.2},
    };
    for (std::size_t i = 0; i < rows.size(); ++i)
        t.rows.push_back({TableCell::ofText(rows[i].first), TableCell::ofInteger(std::int64_t(i) - 3),
                          TableCell::ofNumber(rows[i].second)});
    t.rows.push_back({TableCell::ofText("no value"), TableCell::empty(), TableCell::empty()});
    return t;
}

/// The statistics table of one real forward pass, checked against the GroupRows it came from.
template <typename T>
Table statisticsOf(NormKind kind, const Shape& shape, std::uint64_t seed)
{
    NormSpec spec = NormSpec::defaults(kind);
    spec.num_groups = 2;
    spec.normalized_shape = {shape.back()};
    if (kind == NormKind::Instance)
        spec.track_running_stats = true;
    const Tensor<T> x = randomTensor<T>(shape, seed, 3.0, 2.0);
    NormState<T> state = NormState<T>::initial(spec, x.shape());
    const ForwardResult<T> r = forward(spec, x, state);
    const std::vector<GroupRow> rows = summarizeGroups(spec, x, r, state);
    const Table table = statisticsTable(spec, x.shape(), dtypeOf<T>(), rows);

    // The table holds the engine's numbers, column by column.
    const bool rms = !spec.subtractsMean();
    for (std::size_t g = 0; g < rows.size(); ++g) {
        const GroupRow& row = rows[g];
        const auto& cells = table.rows[g];
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            const std::string& name = table.columns[c];
            double want = 0;
            if (name == "group") {
                if (cells[c].text != row.label)
                    qFatal("group label %s != %s", cells[c].text.c_str(), row.label.c_str());
                continue;
            }
            if (name == "count") {
                if (cells[c].integer != row.count)
                    qFatal("count differs");
                continue;
            }
            if (name == "mean")
                want = row.mean;
            else if (name == "var")
                want = rms ? row.mean_square : row.var;
            else if (name == "var_unbiased")
                want = row.var_unbiased;
            else if (name == "rstd")
                want = row.rstd;
            else if (name == "y_mean")
                want = row.output_mean;
            else if (name == "y_std")
                want = row.output_std_unbiased;
            else if (name == "running_mean")
                want = row.running_mean;
            else if (name == "running_var")
                want = row.running_var;
            else
                qFatal("unexpected column %s", name.c_str());
            if (!sameInDtype(cells[c].number, want, DType::Float64))
                qFatal("column %s of group %zu is not the engine's number", name.c_str(), g);
        }
    }
    return table;
}

/// A parsed grid (header first) equals the table: names, text exactly (TSV: tabs as spaces), and
/// every number read back in the dtype bit for bit.
void checkGrid(const Table& table, const TextGrid& grid, bool tsv)
{
    QCOMPARE(grid.size(), table.rows.size() + 1);
    QCOMPARE(grid[0], table.columns);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const auto& cells = table.rows[r];
        const auto& got = grid[r + 1];
        QCOMPARE(got.size(), cells.size());
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const TableCell& cell = cells[c];
            switch (cell.kind) {
            case TableCell::Kind::Empty: QCOMPARE(got[c], std::string()); break;
            case TableCell::Kind::Text: {
                std::string want = cell.text;
                if (tsv)
                    std::replace(want.begin(), want.end(), '\t', ' ');
                QCOMPARE(got[c], want);
                break;
            }
            case TableCell::Kind::Integer: QCOMPARE(got[c], std::to_string(cell.integer)); break;
            case TableCell::Kind::Number: {
                const auto v = readNumber(got[c], table.dtype);
                QVERIFY2(v.has_value(), got[c].c_str());
                QVERIFY2(sameInDtype(*v, cell.number, table.dtype),
                         qPrintable(QString("row %1 column %2: '%3'").arg(r).arg(c).arg(got[c].c_str())));
                break;
            }
            }
        }
    }
}

void checkJson(const Table& table, const std::string& text)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject o = doc.object();
    QCOMPARE(o.value("format").toString(), QString("normscope-table"));
    QCOMPARE(o.value("version").toInt(), 1);
    QCOMPARE(o.value("dtype").toString(), QString(toString(table.dtype)));
    QVERIFY(o.value("spec").isObject());
    QCOMPARE(o.value("spec").toObject().size(), int(table.spec.size()));
    QJsonArray shape = o.value("shape").toArray();
    QCOMPARE(shape.size(), int(table.shape.size()));
    for (int i = 0; i < shape.size(); ++i)
        QCOMPARE(shape[i].toInteger(), table.shape[std::size_t(i)]);
    const QJsonArray columns = o.value("columns").toArray();
    QCOMPARE(columns.size(), int(table.columns.size()));
    for (int i = 0; i < columns.size(); ++i)
        QCOMPARE(columns[i].toString().toStdString(), table.columns[std::size_t(i)]);
    const QJsonArray rows = o.value("rows").toArray();
    QCOMPARE(rows.size(), int(table.rows.size()));
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const QJsonArray got = rows[int(r)].toArray();
        QCOMPARE(got.size(), int(table.columns.size()));
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            const TableCell& cell = table.rows[r][c];
            const QJsonValue v = got[int(c)];
            switch (cell.kind) {
            case TableCell::Kind::Empty: QVERIFY(v.isNull()); break;
            case TableCell::Kind::Text: QCOMPARE(v.toString().toStdString(), cell.text); break;
            case TableCell::Kind::Integer: QCOMPARE(v.toInteger(), cell.integer); break;
            case TableCell::Kind::Number:
                if (std::isnan(cell.number)) {
                    QCOMPARE(v.toString(), QString("NaN"));
                } else if (std::isinf(cell.number)) {
                    QCOMPARE(v.toString(), QString(cell.number > 0 ? "Infinity" : "-Infinity"));
                } else {
                    QVERIFY(v.isDouble());
                    // QJsonValue stores "-0" as the integer 0: the sign is checked on the text below.
                    QVERIFY2(float(v.toDouble()) == float(cell.number)
                                 && (table.dtype == DType::Float32 || v.toDouble() == cell.number),
                             qPrintable(QString("row %1 column %2").arg(r).arg(c)));
                }
                break;
            }
        }
    }
}

/// Cells of a Markdown pipe row, `\|` unescaped.
std::vector<std::string> markdownCells(const std::string& line)
{
    std::vector<std::string> cells;
    std::string cell;
    for (std::size_t i = 1; i < line.size(); ++i) {
        if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
            cell += '|';
            ++i;
        } else if (line[i] == '|') {
            cells.push_back(cell.size() >= 2 ? cell.substr(1, cell.size() - 2) : std::string());
            cell.clear();
        } else {
            cell += line[i];
        }
    }
    return cells;
}

} // namespace

class TestTableWriters : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void formatFollowsTheExtension_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("format");
        QTest::newRow("csv") << "out/table.csv" << int(TableFormat::Csv);
        QTest::newRow("tsv") << "table.tsv" << int(TableFormat::Tsv);
        QTest::newRow("md") << "table.md" << int(TableFormat::Markdown);
        QTest::newRow("tex") << "a.b/table.tex" << int(TableFormat::Latex);
        QTest::newRow("json") << "table.json" << int(TableFormat::Json);
        QTest::newRow("html") << "table.html" << int(TableFormat::Html);
        QTest::newRow("upper case") << "TABLE.CSV" << int(TableFormat::Csv);
        QTest::newRow("two dots") << "stats.v2.md" << int(TableFormat::Markdown);
    }
    void formatFollowsTheExtension()
    {
        QFETCH(QString, path);
        QFETCH(int, format);
        QCOMPARE(int(tableFormatForPath(path.toStdString())), format);
    }

    void unknownExtensionsAreRefusedWithTheKnownOnes_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("named");
        QTest::newRow("xls") << "table.xls"
                             << "'.xls'";
        QTest::newRow("none") << "table"
                              << "no extension";
        QTest::newRow("dot file") << "dir.csv/.csv"
                                  << "no extension";
        QTest::newRow("htm") << "t.htm"
                             << "'.htm'";
    }
    void unknownExtensionsAreRefusedWithTheKnownOnes()
    {
        QFETCH(QString, path);
        QFETCH(QString, named);
        try {
            tableFormatForPath(path.toStdString());
            QFAIL("accepted");
        } catch (const Error& e) {
            const QString message = e.what();
            QVERIFY2(message.contains(named) && message.contains(path), qPrintable(message));
            QVERIFY2(message.contains("(known: .csv, .tsv, .md, .tex, .json, .html)"), qPrintable(message));
        }
    }

    void statisticsColumnsFollowTheSpec_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QStringList>("columns");
        const QStringList base{"group", "count", "mean", "var", "var_unbiased", "rstd", "y_mean", "y_std"};
        QTest::newRow("batch tracks") << int(NormKind::Batch) << base + QStringList{"running_mean", "running_var"};
        QTest::newRow("instance tracks") << int(NormKind::Instance)
                                         << base + QStringList{"running_mean", "running_var"};
        QTest::newRow("group") << int(NormKind::Group) << base;
        QTest::newRow("layer") << int(NormKind::Layer) << base;
        QStringList rms = base;
        rms.removeAll("mean");
        QTest::newRow("rms has no mean") << int(NormKind::Rms) << rms;
    }
    void statisticsColumnsFollowTheSpec()
    {
        QFETCH(int, kind);
        QFETCH(QStringList, columns);
        const Table t = statisticsOf<float>(NormKind(kind), {3, 4, 5}, 7);
        QStringList got;
        for (const std::string& c : t.columns)
            got << QString::fromStdString(c);
        QCOMPARE(got, columns);
        QCOMPARE(t.dtype, DType::Float32);
    }

    void formatsReadBackExactly_data()
    {
        QTest::addColumn<Table>("table");
        QTest::newRow("awkward float32") << awkwardTable(DType::Float32);
        QTest::newRow("awkward float64") << awkwardTable(DType::Float64);
        QTest::newRow("batch float32") << statisticsOf<float>(NormKind::Batch, {4, 3, 5, 2}, 1);
        QTest::newRow("batch float64") << statisticsOf<double>(NormKind::Batch, {4, 3, 5, 2}, 2);
        QTest::newRow("group float32") << statisticsOf<float>(NormKind::Group, {2, 4, 6}, 3);
        QTest::newRow("layer float64") << statisticsOf<double>(NormKind::Layer, {3, 2, 7}, 4);
        QTest::newRow("instance float32") << statisticsOf<float>(NormKind::Instance, {2, 3, 4}, 5);
        QTest::newRow("rms float64") << statisticsOf<double>(NormKind::Rms, {5, 6}, 6);
        QTest::newRow("one element groups") << statisticsOf<double>(NormKind::Layer, {2, 3, 1}, 8);
    }
    void formatsReadBackExactly()
    {
        QFETCH(Table, table);
        checkGrid(table, parseCsv(writeTable(table, TableFormat::Csv)), false);
        checkGrid(table, parseTsv(writeTable(table, TableFormat::Tsv)), true);
        checkJson(table, writeTable(table, TableFormat::Json));
    }

    void jsonKeepsTheSignOfZeroAndSpellsNonFinite()
    {
        const std::string json = writeTable(awkwardTable(DType::Float64), TableFormat::Json);
        QVERIFY(json.find("[\"minus zero\", 1, -0]") != std::string::npos);
        QVERIFY(json.find("\"NaN\"") != std::string::npos);
        QVERIFY(json.find("\"Infinity\"") != std::string::npos);
        QVERIFY(json.find("\"-Infinity\"") != std::string::npos);
        QVERIFY(json.find("0.30000000000000004") != std::string::npos);
        // float32: the shortest float text, never the double's widening.
        const std::string json32 = writeTable(awkwardTable(DType::Float32), TableFormat::Json);
        QVERIFY(json32.find("[\"a,b \\\"quoted\\\"\", -3, 0.3]") != std::string::npos);
        QVERIFY(json32.find("0.30000001192092896") == std::string::npos);
    }

    void markdownIsAPipeTable_data() { formatsReadBackExactly_data(); }
    void markdownIsAPipeTable()
    {
        QFETCH(Table, table);
        const std::string md = writeTable(table, TableFormat::Markdown);
        const QStringList lines = QString::fromStdString(md).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), int(table.rows.size()) + 2);
        QCOMPARE(markdownCells(lines[0].toStdString()), table.columns);
        // The delimiter row: one --- per column, numbers right-aligned.
        const std::vector<std::string> rule = markdownCells(lines[1].toStdString());
        QCOMPARE(rule.size(), table.columns.size());
        const std::vector<bool> numeric = table.numericColumns();
        for (std::size_t c = 0; c < rule.size(); ++c)
            QCOMPARE(rule[c], std::string(numeric[c] ? "---:" : "---"));
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            const std::vector<std::string> cells = markdownCells(lines[int(r) + 2].toStdString());
            QCOMPARE(cells.size(), table.columns.size());
            for (std::size_t c = 0; c < cells.size(); ++c) {
                const TableCell& cell = table.rows[r][c];
                if (cell.kind == TableCell::Kind::Number)
                    QVERIFY(sameInDtype(*readNumber(cells[c], table.dtype), cell.number, table.dtype));
                else if (cell.kind == TableCell::Kind::Text && cell.text.find('\t') == std::string::npos)
                    QCOMPARE(cells[c], cell.text);
            }
        }
    }

    void htmlHasHeadAndBody_data() { formatsReadBackExactly_data(); }
    void htmlHasHeadAndBody()
    {
        QFETCH(Table, table);
        const QString html = QString::fromStdString(writeTable(table, TableFormat::Html));
        QVERIFY(html.contains("<table>") && html.contains("</table>"));
        QCOMPARE(html.count("<thead>"), 1);
        QCOMPARE(html.count("<tbody>"), 1);
        QVERIFY(html.indexOf("<thead>") < html.indexOf("<tbody>"));
        QStringList headers;
        const QRegularExpression th("<th>([^<]*)</th>");
        for (auto it = th.globalMatch(html); it.hasNext();)
            headers << it.next().captured(1);
        QStringList want;
        for (const std::string& c : table.columns)
            want << QString::fromStdString(c);
        QCOMPARE(headers, want);
        QCOMPARE(html.count("<tr>"), int(table.rows.size()) + 1);
        QCOMPARE(html.count(QRegularExpression("<td[ >]")), int(table.rows.size() * table.columns.size()));
        // Markup in the text is escaped, so it is shown, not obeyed.
        QVERIFY(!html.contains("<b>"));
        if (table.rows.size() > 1 && table.rows[1][0].text == "x|y & 50% #1 _z <b>")
            QVERIFY(html.contains("<td>x|y &amp; 50% #1 _z &lt;b&gt;</td>"));
    }

    void latexIsABooktabsTabular_data() { formatsReadBackExactly_data(); }
    void latexIsABooktabsTabular()
    {
        QFETCH(Table, table);
        const std::string tex = writeTable(table, TableFormat::Latex);
        std::string spec;
        for (bool numeric : table.numericColumns())
            spec += numeric ? 'r' : 'l';
        QVERIFY(tex.rfind("\\begin{tabular}{" + spec + "}\n\\toprule\n", 0) == 0);
        QCOMPARE(countOf(tex, "\\toprule"), 1);
        QCOMPARE(countOf(tex, "\\midrule"), 1);
        QCOMPARE(countOf(tex, "\\bottomrule"), 1);
        QVERIFY(tex.find("\\midrule") < tex.find("\\bottomrule"));
        QCOMPARE(countOf(tex, "\\\\\n"), int(table.rows.size()) + 1);
        // Every row has one separator per column boundary: no & of the text is left unescaped.
        const int separators = countOf(tex, " & ");
        QCOMPARE(separators, int((table.rows.size() + 1) * (table.columns.size() - 1)));
        QVERIFY(tex.find("_") == std::string::npos || countOf(tex, "_") == countOf(tex, "\\_"));
    }

    void latexEscapesTheSpecialCharacters()
    {
        const std::string tex = writeTable(awkwardTable(DType::Float64), TableFormat::Latex);
        QVERIFY(tex.find("label\\_1 & count & value \\\\") != std::string::npos);
        QVERIFY(tex.find("x|y \\& 50\\% \\#1 \\_z \\textless{}b\\textgreater{} & -2 & nan \\\\") != std::string::npos);
        QVERIFY(
            tex.find("back\\textbackslash{}slash \\{braces\\} \\$ \\textasciitilde{} \\textasciicircum{} & -1 & inf")
            != std::string::npos);
    }

    void latexCompilesInAMinimalDocument()
    {
        const QString pdflatex = QStandardPaths::findExecutable("pdflatex");
        if (pdflatex.isEmpty())
            QSKIP("pdflatex is not installed (texlive-latex-base); the structure is checked above");
        QTemporaryDir dir;
        QFile f(dir.filePath("t.tex"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\\documentclass{article}\n\\usepackage{booktabs}\n\\begin{document}\n");
        f.write(QByteArray::fromStdString(writeTable(awkwardTable(DType::Float32), TableFormat::Latex)));
        f.write(QByteArray::fromStdString(
            writeTable(statisticsOf<float>(NormKind::Group, {2, 4, 3}, 9), TableFormat::Latex)));
        f.write("\\end{document}\n");
        f.close();
        QProcess p;
        p.setWorkingDirectory(dir.path());
        p.start(pdflatex, {"-interaction=nonstopmode", "-halt-on-error", "t.tex"});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardOutput().constData());
        QVERIFY(QFile::exists(dir.filePath("t.pdf")));
    }

    void groupLabelsComeFromTheLayoutWhenLeftOut()
    {
        NormSpec spec = NormSpec::defaults(NormKind::Group);
        spec.num_groups = 2;
        const Tensor<float> x = randomTensor<float>({2, 4, 3}, 11);
        NormState<float> state = NormState<float>::initial(spec, x.shape());
        const ForwardResult<float> r = forward(spec, x, state);
        const StatsLayout layout(spec, x.shape());
        GroupSummaryInput<float> in;
        in.x = x.data();
        in.y = r.output.data();
        in.rstd = r.rstd.data();
        in.labels = false; // as the window asks for its rows
        const Table t = statisticsTable(spec, x.shape(), DType::Float32, summarizeGroups(layout, in));
        QCOMPARE(t.rows.size(), std::size_t(4));
        QCOMPARE(t.rows[0][0].text, std::string("n=0, g=0 (c 0..1)"));
        QCOMPARE(t.rows[3][0].text, std::string("n=1, g=1 (c 2..3)"));
    }
};

QTEST_GUILESS_MAIN(TestTableWriters)
#include "test_table_writers.moc"
