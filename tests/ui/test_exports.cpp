// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The window's exports through its command line (--export-table, --export-figure, --export-tensors),
// which stage their files through the same WindowExports code as File > Export: tables equal
// normscope-cli's for the same state byte for byte, figures are real PNG/SVG/PDF files, the .npz
// holds the snapshot's arrays in the input's dtype, a copy of the statistics table holds text and
// an HTML table, and every refusal exits 2 and writes nothing.

#include "tests/support/window_run.h"
#include "app/cli/compare_command.h"
#include "app/cli/forward_command.h"
#include "engine/io/npy.h"
#include "engine/io/npz_reader.h"
#include "tests/support/file_helpers.h"
#include "tests/support/random_tensor.h"
#include "ui/actions.h"
#include "ui/application.h"
#include "ui/cube/cube_view.h"
#include "ui/document/figure_kind.h"
#include "ui/main_window.h"
#include "ui/document/app_options.h"
#include "ui/document/document.h"
#include "ui/panels/stats_table_view.h"

#include <QAction>
#include <QClipboard>
#include <QImage>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>
#include <QUndoStack>
#include <QtTest>

#include <cstring>

using namespace normscope;
using namespace normscope::test;
using namespace normscope::ui;

namespace {

using test::runWindow;

std::vector<std::string> toStd(const QStringList& list)
{
    std::vector<std::string> out;
    for (const QString& s : list)
        out.push_back(s.toStdString());
    return out;
}

/// The int64 scalar member `key` of a stored .npz (np.savez's layout: its .npy header is 128 bytes).
std::int64_t int64Member(const QByteArray& npz, const QByteArray& key)
{
    const qsizetype name = npz.indexOf(key + ".npy");
    const qsizetype descr = npz.indexOf("{'descr': '<i8', 'fortran_order': False, 'shape': ()", name);
    if (name < 0 || descr < 10)
        return -1;
    std::int64_t value = -1;
    std::memcpy(&value, npz.constData() + descr - 10 + 128, sizeof value);
    return value;
}

/// The tables in an HTML text as QTextDocument reads it: rows of cell texts.
std::vector<QStringList> htmlTableRows(const QString& html)
{
    QTextDocument document;
    document.setHtml(html);
    std::vector<QStringList> rows;
    for (QTextFrame* frame : document.rootFrame()->childFrames()) {
        auto* table = qobject_cast<QTextTable*>(frame);
        if (!table)
            continue;
        for (int r = 0; r < table->rows(); ++r) {
            QStringList cells;
            for (int c = 0; c < table->columns(); ++c) {
                const QTextTableCell cell = table->cellAt(r, c);
                QTextCursor cursor = cell.firstCursorPosition();
                cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor::KeepAnchor);
                cells << cursor.selectedText();
            }
            rows.push_back(cells);
        }
    }
    return rows;
}

} // namespace

class TestExports : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(inputs_.isValid());
        writeNpy(inputs_.filePath("x32.npy").toStdString(), randomTensor<float>({4, 6, 5, 5}, 43, -1.0, 3.0));
        writeNpy(inputs_.filePath("x64.npy").toStdString(), randomTensor<double>({3, 4, 2, 5}, 44, 2.0, 0.5));
    }

    void statisticsTableEqualsForward_data()
    {
        QTest::addColumn<QStringList>("module");
        QTest::addColumn<QString>("file");
        QTest::newRow("batch, 3 steps, csv") << QStringList{"--norm", "batch", "--steps", "3"} << "s.csv";
        QTest::newRow("batch eval, tsv") << QStringList{"--norm", "batch", "--eval"} << "s.tsv";
        QTest::newRow("group, md") << QStringList{"--norm", "group", "--num-groups", "3"} << "s.md";
        QTest::newRow("layer, tex") << QStringList{"--norm", "layer", "--normalized-shape", "6,5,5"} << "s.tex";
        QTest::newRow("rms, json") << QStringList{"--norm", "rms", "--normalized-shape", "5,5"} << "s.json";
        QTest::newRow("instance tracked, html")
            << QStringList{"--norm", "instance", "--track-running-stats", "--momentum", "0.3"} << "s.html";
    }
    void statisticsTableEqualsForward()
    {
        QFETCH(QStringList, module);
        QFETCH(QString, file);
        QTemporaryDir dir;
        const QDir d(dir.path());
        const QStringList input{"--input", inputs_.filePath("x32.npy")};
        runForwardCommand(toStd(
            input + module + QStringList{"--output", d.filePath("y.npy"), "--table-out", d.filePath("cli-" + file)}));
        QCOMPARE(runWindow(input + module + QStringList{"--export-table", d.filePath(file)}), 0);
        const QByteArray window = fileContents(d.filePath(file));
        QVERIFY(window.size() > 100);
        QCOMPARE(window, fileContents(d.filePath("cli-" + file)));
    }

    void comparisonTableEqualsCompare_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("file");
        QTest::newRow("float32, csv") << "x32.npy"
                                      << "c.csv";
        QTest::newRow("float32, tex") << "x32.npy"
                                      << "c.tex";
        QTest::newRow("float64, json") << "x64.npy"
                                       << "c.json";
        QTest::newRow("float64, html") << "x64.npy"
                                       << "c.html";
    }
    void comparisonTableEqualsCompare()
    {
        QFETCH(QString, input);
        QFETCH(QString, file);
        QTemporaryDir dir;
        const QDir d(dir.path());
        runCompareCommand(toStd({"--input", inputs_.filePath(input), "--table-out", d.filePath("cli-" + file)}));
        QCOMPARE(runWindow({"--input", inputs_.filePath(input), "--compare", "--export-table", d.filePath(file)}), 0);
        const QByteArray window = fileContents(d.filePath(file));
        QVERIFY(window.contains("GroupNorm("));
        QCOMPARE(window, fileContents(d.filePath("cli-" + file)));
    }

    void figures_data()
    {
        QTest::addColumn<QString>("figure");
        QTest::addColumn<QString>("extension");
        for (const QString figure : {"cube", "compare", "histogram", "group-stats", "running-stats", "window"})
            for (const QString extension : {"png", "svg", "pdf"})
                QTest::newRow(qPrintable(figure + '.' + extension)) << figure << extension;
    }
    void figures()
    {
        QFETCH(QString, figure);
        QFETCH(QString, extension);
        QTemporaryDir dir;
        const QString path = dir.filePath("figure." + extension);
        QCOMPARE(runWindow({"--norm", "batch", "--steps", "3", "--size", "1200x800", "--figure", figure,
                            "--export-figure", path}),
                 0);
        const QByteArray bytes = fileContents(path);
        QVERIFY(bytes.size() > 1000);
        if (extension == "png") {
            QImage image;
            QVERIFY(image.loadFromData(bytes, "PNG"));
            QVERIFY(image.width() >= 200 && image.height() >= 100);
            if (figure == "window")
                QCOMPARE(image.size(), QSize(1200, 800));
            QSet<QRgb> colours;
            for (int y = 0; y < image.height(); y += 3)
                for (int x = 0; x < image.width(); x += 3)
                    colours.insert(image.pixel(x, y));
            QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
        } else if (extension == "svg") {
            QSvgRenderer svg(bytes);
            QVERIFY(svg.isValid());
            QVERIFY(!svg.viewBoxF().isEmpty());
            // Vectors: the view's lines and text, not one embedded picture.
            QVERIFY(bytes.contains("<path") || bytes.contains("<polyline"));
            QVERIFY(bytes.contains("<text"));
        } else {
            QVERIFY(bytes.startsWith("%PDF-"));
            QVERIFY(
                QRegularExpression(QStringLiteral("/Type\\s*/Page[^s]")).match(QString::fromLatin1(bytes)).hasMatch());
            QVERIFY(bytes.trimmed().endsWith("%%EOF"));
        }
    }

    void pngScale()
    {
        QTemporaryDir dir;
        QSize sizes[3];
        for (int scale = 1; scale <= 3; ++scale) {
            const QString path = dir.filePath(QStringLiteral("cube%1.png").arg(scale));
            QCOMPARE(
                runWindow({"--size", "1000x700", "--export-figure", path, "--figure-scale", QString::number(scale)}),
                0);
            QImage image;
            QVERIFY(image.load(path));
            sizes[scale - 1] = image.size();
        }
        QVERIFY(sizes[0].width() > 200);
        QCOMPARE(sizes[1], sizes[0] * 2);
        QCOMPARE(sizes[2], sizes[0] * 3);
        // The whole window at 2x: the --size in pixels, twice.
        const QString window = dir.filePath("window.png");
        QCOMPARE(
            runWindow({"--size", "1000x700", "--figure", "window", "--figure-scale", "2", "--export-figure", window}),
            0);
        QCOMPARE(QImage(window).size(), QSize(2000, 1400));
    }

    void tensorsEqualTheSnapshot_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("keys");
        QTest::newRow("batch float32, 2 steps")
            << QStringList{"--input", inputs_.filePath("x32.npy"), "--norm", "batch", "--steps", "2"}
            << QStringList{"x",
                           "xhat",
                           "y",
                           "mean",
                           "var",
                           "rstd",
                           "weight",
                           "bias",
                           "running_mean",
                           "running_var",
                           "num_batches_tracked"};
        QTest::newRow("group float64") << QStringList{"--input",      inputs_.filePath("x64.npy"),
                                                      "--norm",       "group",
                                                      "--num-groups", "2"}
                                       << QStringList{"x", "xhat", "y", "mean", "var", "rstd", "weight", "bias"};
        QTest::newRow("rms float32 no affine")
            << QStringList{"--input",    inputs_.filePath("x32.npy"), "--norm", "rms", "--normalized-shape", "5",
                           "--no-affine"}
            << QStringList{"x", "xhat", "y", "var", "rstd"};
    }
    void tensorsEqualTheSnapshot()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, keys);
        QTemporaryDir dir;
        const QString npz = dir.filePath("t.npz");
        QCOMPARE(runWindow(args + QStringList{"--export-tensors", npz}), 0);

        // The window's own snapshot for the same command line.
        const AppOptionsParse parsed = parseAppOptions(QStringList{"normscope"} + args);
        QVERIFY(parsed.options);
        Document document(parsed.options->experiment);
        runStartingSteps(document, *parsed.options);
        const ResultPtr r = document.result();
        QVERIFY(r->ok());

        NpzReader reader(npz.toStdString());
        QStringList names;
        for (const std::string& k : reader.keys())
            names << QString::fromStdString(k);
        QCOMPARE(names, keys);
        // x-hat as the window reads it, element by element; the archive computes it whole.
        Tensor<double> xhat(r->shape);
        for (std::int64_t i = 0; i < xhat.numel(); ++i)
            xhat[i] = r->normalizedAt(i);
        const std::map<QString, Tensor<double>> expected{{"x", r->input.widened()},
                                                         {"xhat", xhat},
                                                         {"y", r->output.widened()},
                                                         {"mean", r->mean},
                                                         {"var", r->var},
                                                         {"rstd", r->rstd},
                                                         {"weight", r->weight},
                                                         {"bias", r->bias},
                                                         {"running_mean", r->running_mean},
                                                         {"running_var", r->running_var}};
        for (const QString& key : keys) {
            if (key == "num_batches_tracked") {
                QCOMPARE(int64Member(fileContents(npz), "num_batches_tracked"), r->num_batches_tracked);
                QCOMPARE(r->num_batches_tracked, std::int64_t(2));
                continue;
            }
            const AnyTensor t = reader.read(key.toStdString());
            QCOMPARE(dtypeOf(t), r->dtype);
            const Tensor<double>& want = expected.at(key);
            QCOMPARE(toString(shapeOf(t)), toString(want.shape()));
            std::visit(
                [&](const auto& got) {
                    for (std::int64_t i = 0; i < got.numel(); ++i)
                        QVERIFY2(double(got[i]) == want[i] || (std::isnan(want[i]) && std::isnan(double(got[i]))),
                                 qPrintable(key + "[" + QString::number(i) + "]"));
                },
                t);
        }
        // x is the input file, bit for bit, and y normscope-cli forward's output.
        const QString input = args[1];
        std::visit(
            [&](const auto& x) {
                const AnyTensor read = reader.read("x");
                const auto& got = std::get<std::decay_t<decltype(x)>>(read);
                QVERIFY(std::equal(x.values().begin(), x.values().end(), got.values().begin()));
            },
            readNpy(input.toStdString()));
        runForwardCommand(toStd(args + QStringList{"--output", dir.filePath("y.npy")}));
        QVERIFY(fileContents(dir.filePath("y.npy")).endsWith([&] {
            const AnyTensor y = reader.read("y");
            return std::visit(
                [](const auto& t) {
                    return QByteArray(reinterpret_cast<const char*>(t.values().data()),
                                      qsizetype(t.numel() * sizeof(t[0])));
                },
                y);
        }()));
    }

    void copyHoldsTextAndHtmlTable()
    {
        Experiment e;
        e.loaded = std::make_shared<const AnyTensor>(readNpy(inputs_.filePath("x64.npy").toStdString()));
        e.shape = {3, 4, 2, 5};
        e.dtype = DType::Float64;
        e.conform();
        Document document(e);
        document.waitUntilIdle();
        StatsTableView view;
        view.resize(900, 300);
        view.observe(&document);

        std::unique_ptr<QMimeData> all(view.selectionMimeData());
        QVERIFY(all->hasText());
        QVERIFY(all->hasHtml());
        const QStringList lines = all->text().trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 5); // header + c=0..3
        const std::vector<QStringList> rows = htmlTableRows(all->html());
        QCOMPARE(rows.size(), std::size_t(5));
        for (std::size_t r = 0; r < rows.size(); ++r)
            QCOMPARE(rows[r], lines[int(r)].split(QLatin1Char('\t')));
        QCOMPARE(rows[0].mid(0, 3), (QStringList{"group", "count", "mean"}));
        QCOMPARE(rows[2][0], QStringLiteral("c=1"));
        QCOMPARE(rows[2][1], QStringLiteral("30")); // N * H * W = 3 * 2 * 5

        // A selection copies its rows only, in the order shown.
        view.sortByColumn(0, Qt::DescendingOrder);
        view.selectRow(0); // c=3
        std::unique_ptr<QMimeData> one(view.selectionMimeData());
        const std::vector<QStringList> selected = htmlTableRows(one->html());
        QCOMPARE(selected.size(), std::size_t(2));
        QCOMPARE(selected[1][0], QStringLiteral("c=3"));
        QCOMPARE(one->text().trimmed().split(QLatin1Char('\n')).size(), 2);
    }

    void exportMenuAndCopies()
    {
        Document document;
        MainWindow window(&document);
        window.resize(1200, 800);
        window.show();
        document.waitUntilIdle();
        const Actions* a = window.actions();
        QMenu* file = nullptr;
        for (QAction* m : window.menuBar()->actions())
            if (m->menu() && m->text() == QStringLiteral("&File"))
                file = m->menu();
        QVERIFY(file);
        auto* exportMenu = file->findChild<QMenu*>(QStringLiteral("exportMenu"));
        QVERIFY(exportMenu);
        QList<QAction*> expected{a->exportStatsTable(), a->exportCompareTable()};
        for (int i = 0; i < kFigureKindCount; ++i)
            expected << a->exportFigure(i);
        expected << a->exportTensors() << a->exportCode();
        QList<QAction*> shown;
        for (QAction* action : exportMenu->actions())
            if (!action->isSeparator())
                shown << action;
        QCOMPARE(shown, expected);
        QVERIFY(!file->actions().contains(a->exportCode())); // moved into the submenu

        // Edit > Copy statistics table: text and an HTML table of every row (none selected).
        QGuiApplication::clipboard()->clear();
        a->copyTable()->trigger();
        const QMimeData* table = QGuiApplication::clipboard()->mimeData();
        QVERIFY(table && table->hasText() && table->hasHtml());
        QCOMPARE(int(htmlTableRows(table->html()).size()), 1 + int(document.experiment().shape[1])); // c=0..C-1

        // Edit > Copy figure: the cube as an image of its size.
        QGuiApplication::clipboard()->clear();
        a->copyFigure()->trigger();
        const QImage image = qvariant_cast<QImage>(QGuiApplication::clipboard()->mimeData()->imageData());
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), window.cubeView()->size() * int(window.cubeView()->devicePixelRatioF()));
    }

    void combinedOutputsAllOrNothing()
    {
        QTemporaryDir dir;
        const QDir d(dir.path());
        const QStringList all{"--norm",           "batch",
                              "--export-table",   d.filePath("s.csv"),
                              "--export-figure",  d.filePath("f.svg"),
                              "--export-tensors", d.filePath("t.npz"),
                              "--export-code",    d.filePath("c.py"),
                              "--screenshot",     d.filePath("w.png")};
        QCOMPARE(runWindow(all), 0);
        QCOMPARE(entriesOf(dir.path()), (QStringList{"c.py", "f.svg", "s.csv", "t.npz", "w.png"}));

        // One destination is a directory: nothing at all is written.
        QTemporaryDir other;
        const QDir o(other.path());
        QVERIFY(o.mkdir("t.npz"));
        QStringList failing = all;
        for (QString& arg : failing)
            arg.replace(dir.path(), other.path());
        QCOMPARE(runWindow(failing), 2);
        QCOMPARE(entriesOf(other.path()), QStringList{"t.npz"});
        QCOMPARE(entriesOf(o.filePath("t.npz")), QStringList{});
    }

    void defaultFigureFollowsCompare()
    {
        const auto figureOf = [](const QStringList& args) {
            const AppOptionsParse parsed = parseAppOptions(QStringList{"normscope"} + args);
            return parsed.options ? int(parsed.options->figure) : -1;
        };
        QCOMPARE(figureOf({"--export-figure", "f.svg"}), int(FigureKind::Cube));
        QCOMPARE(figureOf({"--compare", "--export-figure", "f.svg"}), int(FigureKind::Compare));
        QCOMPARE(figureOf({"--compare", "--export-figure", "f.svg", "--figure", "running-stats"}),
                 int(FigureKind::RunningStats));
        QCOMPARE(figureOf({"--export-figure", "f.PDF", "--figure", "group-stats"}), int(FigureKind::GroupStats));
        QCOMPARE(figureOf({"--export-figure", "f.png", "--figure", "tensor"}), int(FigureKind::Tensor));
    }

    void refusals_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("table extension") << QStringList{"--export-table", "@/s.xls"} << ".csv";
        QTest::newRow("figure extension") << QStringList{"--export-figure", "@/f.gif"} << ".png, .svg or .pdf";
        QTest::newRow("tensors extension") << QStringList{"--export-tensors", "@/t.npy"} << ".npz";
        QTest::newRow("unknown figure") << QStringList{"--export-figure", "@/f.png", "--figure", "cubes"} << "cubes";
        QTest::newRow("figure alone") << QStringList{"--figure", "cube"} << "--export-figure";
        QTest::newRow("scale") << QStringList{"--export-figure", "@/f.png", "--figure-scale", "4"} << "'4'";
        QTest::newRow("table into a directory") << QStringList{"--export-table", "@/d.csv"} << "";
        QTest::newRow("figure into a directory") << QStringList{"--export-figure", "@/d.pdf"} << "";
        QTest::newRow("missing folder") << QStringList{"--export-tensors", "@/missing/t.npz"} << "";
        QTest::newRow("refused spec") << QStringList{"--norm", "group",          "--num-groups",
                                                     "4",      "--export-table", "@/s.csv"}
                                      << "";
    }
    void refusals()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir("d.csv"));
        QVERIFY(QDir(dir.path()).mkdir("d.pdf"));
        for (QString& arg : args)
            arg.replace("@", dir.path());
        QString error;
        QCOMPARE(runWindow(args, &error), 2);
        if (!message.isEmpty())
            QVERIFY2(error.contains(message), qPrintable(error));
        QCOMPARE(entriesOf(dir.path()), (QStringList{"d.csv", "d.pdf"}));
    }

private:
    QTemporaryDir inputs_;
};

QTEST_MAIN(TestExports)
#include "test_exports.moc"
