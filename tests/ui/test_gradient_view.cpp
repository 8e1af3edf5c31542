// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The gradient view (--grad): the exported dL/dx, dL/dgamma and dL/dbeta equal PyTorch autograd's
// (tests/fixtures/grad, made by tests/gen_grad_fixtures.py) for every norm, both modes, both dtypes
// and each upstream gradient; BatchNorm's coupling (a one-hot dL/dy reaches N*H*W cells in training
// mode, one in eval); L = sum(y) with gamma = 1 gives dL/dx = 0 up to rounding; the statistics
// table's dgamma/dbeta columns; sessions keep the gradient; bad options exit 2.

#include "tests/support/window_run.h"
#include "app/cli/forward_command.h"
#include "engine/core/spec_defaults.h"
#include "engine/core/stats_layout.h"
#include "engine/io/npy.h"
#include "engine/io/npz_reader.h"
#include "tests/support/file_helpers.h"
#include "ui/application.h"
#include "ui/document/app_options.h"
#include "ui/document/cell_info.h"
#include "ui/document/document.h"
#include "ui/document/result_tables.h"
#include "ui/document/session_file.h"
#include "ui/cube/color_bar.h"
#include "ui/cube/cube_view.h"
#include "ui/main_window.h"
#include "ui/panels/controls_panel.h"
#include "ui/panels/gradient_box.h"
#include "ui/panels/pytorch_code_panel.h"
#include "ui/panels/stats_table_model.h"

#include <QComboBox>
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstring>

using namespace normscope;
using namespace normscope::ui;
using normscope::test::fileContents;
using normscope::ui::result_tables::statistics;

namespace {

const QString kFixtures = QStringLiteral(NORMSCOPE_FIXTURE_DIR "/grad");

using test::runWindow;

Tensor<double> asDouble(const AnyTensor& t)
{
    return std::visit([](const auto& x) { return x.template cast<double>(); }, t);
}

/// The window's result for a command line, computed as the window computes it.
ResultPtr resultOf(const QStringList& args)
{
    const AppOptionsParse parsed = parseAppOptions(QStringList{"normscope"} + args);
    if (!parsed.options)
        qFatal("%s", qPrintable(parsed.error));
    Document document(parsed.options->experiment);
    runStartingSteps(document, *parsed.options);
    return document.result();
}

/// t: a Tensor<double> or a snapshot's ResultTensor.
template <typename Values>
std::int64_t nonZeros(const Values& t)
{
    std::int64_t n = 0;
    for (std::int64_t i = 0; i < t.numel(); ++i)
        n += t[i] != 0.0;
    return n;
}

template <typename Values>
double maxAbs(const Values& t)
{
    double m = 0;
    for (std::int64_t i = 0; i < t.numel(); ++i)
        m = std::max(m, std::abs(t[i]));
    return m;
}

} // namespace

class TestGradientView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(QDir::setCurrent(kFixtures)); }

    void gradientsEqualPyTorch_data()
    {
        QTest::addColumn<QStringList>("args");
        const QByteArray cases = fileContents(kFixtures + "/cases.txt");
        int count = 0;
        for (const QByteArray& line : cases.split('\n')) {
            if (line.isEmpty())
                continue;
            const QList<QByteArray> parts = line.split('\t');
            QTest::newRow(parts[0].constData()) << QString::fromUtf8(parts[1]).split(QLatin1Char(' '));
            ++count;
        }
        // 7 norms x 2 modes x 2 dtypes x 3 gradients
        QCOMPARE(count, 84);
    }
    void gradientsEqualPyTorch()
    {
        QFETCH(QStringList, args);
        QTemporaryDir dir;
        const QString out = dir.filePath("t.npz");
        QCOMPARE(runWindow(args + QStringList{"--export-tensors", out}), 0);
        NpzReader window(out.toStdString());
        NpzReader torch((kFixtures + "/" + QTest::currentDataTag() + ".npz").toStdString());
        // The same input and dL/dy, bit for bit: the fixture's truth was computed on these.
        for (const char* key : {"x", "grad_output"}) {
            const AnyTensor a = window.read(key), b = torch.read(key);
            QCOMPARE(a.index(), b.index());
            const Tensor<double> da = asDouble(a), db = asDouble(b);
            QCOMPARE(da.shape(), db.shape());
            QVERIFY2(std::memcmp(da.data(), db.data(), sizeof(double) * std::size_t(da.numel())) == 0, key);
        }
        const bool f32 = std::holds_alternative<Tensor<float>>(window.read("x"));
        for (const std::string& key : torch.keys()) {
            if (key == "x" || key == "grad_output")
                continue;
            const Tensor<double> got = asDouble(window.read(key)), want = asDouble(torch.read(key));
            QCOMPARE(got.shape(), want.shape());
            // float32: the engine's float arithmetic against float64 truth; float64: a few ulps.
            const double tol = (f32 ? 2e-5 : 1e-12) * std::max(1.0, maxAbs(want));
            for (std::int64_t i = 0; i < want.numel(); ++i)
                if (!(std::abs(got[i] - want[i]) <= tol))
                    QFAIL(qPrintable(QStringLiteral("%1[%2]: window %3, PyTorch %4")
                                         .arg(QString::fromStdString(key))
                                         .arg(i)
                                         .arg(got[i], 0, 'g', 17)
                                         .arg(want[i], 0, 'g', 17)));
        }
    }

    void oneHotReachesTheChannelInTrainingOneCellInEval()
    {
        const QStringList base{"--norm", "batch", "--shape", "4,6,5,5", "--grad", "onehot", "--select", "0,1,2,3"};
        const ResultPtr train = resultOf(base);
        QVERIFY(train->hasGradient());
        QCOMPARE(nonZeros(train->grad_output), std::int64_t(1));
        QCOMPARE(train->grad_output[(1 * 5 + 2) * 5 + 3], 1.0);
        // Every cell of channel 1 across the batch (N*H*W = 100), none elsewhere.
        QCOMPARE(nonZeros(train->grad_input), std::int64_t(4 * 5 * 5));
        for (std::int64_t i = 0; i < train->grad_input.numel(); ++i)
            if (train->grad_input[i] != 0.0)
                QCOMPARE((i / 25) % 6, std::int64_t(1));

        const ResultPtr eval = resultOf(base + QStringList{"--eval"});
        QCOMPARE(nonZeros(eval->grad_input), std::int64_t(1));
        // dL/dx = dy * gamma * rstd(running_var = 1): 1 / sqrt(1 + 1e-5) in float32.
        QCOMPARE(float(eval->grad_input[(1 * 5 + 2) * 5 + 3]), float(1.0 / std::sqrt(1.0 + 1e-5)));

        // LayerNorm couples the sample, GroupNorm the sample's group, InstanceNorm the channel of the sample.
        QCOMPARE(nonZeros(resultOf({"--norm", "layer", "--shape", "4,6,5,5", "--grad", "onehot", "--select", "0,1,2,3"})
                              ->grad_input),
                 std::int64_t(6 * 25));
        QCOMPARE(nonZeros(resultOf({"--norm", "group", "--num-groups", "3", "--shape", "4,6,5,5", "--grad", "onehot",
                                    "--select", "0,1,2,3"})
                              ->grad_input),
                 std::int64_t(2 * 25));
        QCOMPARE(
            nonZeros(resultOf({"--norm", "instance", "--shape", "4,6,5,5", "--grad", "onehot", "--select", "0,1,2,3"})
                         ->grad_input),
            std::int64_t(25));
    }

    /// The one-hot's own dL/dx lies beyond the scale that gives the coupled cells a colour: the
    /// colour bar's end labels say the scale is saturated; the eval pass's single cell is not.
    void colourBarSaysWhenTheGradientSaturates()
    {
        const QStringList base{"--norm", "batch", "--shape", "4,6,5,5", "--grad", "onehot", "--select", "0,1,2,3"};
        for (const bool eval : {false, true}) {
            CubeView view;
            view.setValueSource(CubeView::ValueSource::Gradient);
            view.setResult(resultOf(eval ? base + QStringList{"--eval"} : base));
            const ColorBar* bar = view.colorBar();
            QCOMPARE(bar->title(), QStringLiteral("dL/dx"));
            QCOMPARE(bar->saturated(), !eval);
            const std::size_t last = bar->ticks().size() - 1;
            QCOMPARE(bar->tickLabel(last).startsWith(QStringLiteral("\u2265 ")), !eval);
            QCOMPARE(bar->tickLabel(0).startsWith(QStringLiteral("\u2264 ")), !eval);
        }
    }

    void sumOfYWithUnitGammaGivesZero()
    {
        for (const char* norm : {"batch", "layer", "instance", "group"}) {
            const ResultPtr r = resultOf({"--norm", norm, "--shape", "4,6,5,5", "--grad", "ones"});
            QVERIFY(r->hasGradient());
            // dL/dx = rstd*(1 - 1 - x-hat*mean(x-hat)): zero but for float32 rounding of mean(x-hat).
            QVERIFY2(maxAbs(r->grad_input) < 1e-5 * maxAbs(r->rstd), norm);
            // dbeta = sum(dy) = the group size per channel for BatchNorm.
            if (QByteArray(norm) == "batch")
                QCOMPARE(r->grad_bias[0], 100.0);
        }
    }

    // mean(g) and mean(g·x-hat) per group, against sums taken here element by element in long double
    // with the group's statistics computed here too: every layout (per-channel gamma, per-element
    // gamma, groups of channels), affine or not.
    void groupMeansOfTheGradientEveryLayout()
    {
        const Shape shape{4, 6, 5, 5};
        for (const NormKind kind :
             {NormKind::Batch, NormKind::Layer, NormKind::Instance, NormKind::Group, NormKind::Rms})
            for (const bool affine : {true, false}) {
                Experiment e = Experiment::demo();
                e.shape = shape;
                e.dtype = DType::Float64;
                e.spec = defaultSpecFor(kind, shape);
                if (kind == NormKind::Group)
                    e.spec.num_groups = 3;
                e.spec.affine = affine;
                if (affine) {
                    const std::int64_t params = numel(affineShape(e.spec, shape));
                    for (std::int64_t p = 0; p < params; ++p)
                        e.weight.push_back(0.5 + 0.25 * double(p % 7));
                }
                e.gradient.kind = GradKind::Random;
                e.gradient.seed = 5;
                e.conform();
                Document document(e);
                const ResultPtr r = document.result();
                QVERIFY(r && r->ok() && r->hasGradient());
                const StatsLayout& layout = *r->layout;
                const std::int64_t n = layout.groupSize();
                QCOMPARE(r->grad_mean_g.numel(), layout.groupCount());
                for (std::int64_t group = 0; group < layout.groupCount(); ++group) {
                    long double sum = 0, squares = 0;
                    layout.forEachElement(group, [&](std::int64_t i) { sum += r->input[i]; });
                    const long double mean = kind == NormKind::Rms ? 0.0L : sum / n;
                    layout.forEachElement(group, [&](std::int64_t i) {
                        const long double d = r->input[i] - mean;
                        squares += d * d;
                    });
                    const long double rstd =
                        1.0L / std::sqrt(squares / n + static_cast<long double>(e.spec.effectiveEps<double>()));
                    long double sumG = 0, sumGXhat = 0;
                    layout.forEachElement(group, [&](std::int64_t i) {
                        const long double gamma = affine ? e.weight[std::size_t(layout.paramOf(i))] : 1.0L;
                        const long double g = r->grad_output[i] * gamma;
                        sumG += g;
                        sumGXhat += g * (r->input[i] - mean) * rstd;
                    });
                    const auto close = [](double shown, long double expected) {
                        return std::abs(static_cast<long double>(shown) - expected)
                            <= 1e-12L * std::max(1.0L, std::abs(expected));
                    };
                    const QString where = QStringLiteral("%1 affine=%2 group %3").arg(int(kind)).arg(affine).arg(group);
                    QVERIFY2(close(r->grad_mean_g[group], sumG / n), qPrintable(where));
                    QVERIFY2(close(r->grad_mean_g_xhat[group], sumGXhat / n), qPrintable(where));
                }
            }
    }

    void hoverShowsTheTermsOfDx()
    {
        const QStringList base{"--norm", "batch", "--shape", "4,6,5,5", "--grad", "onehot", "--select", "0,1,2,3"};
        const std::int64_t cell = (1 * 5 + 2) * 5 + 3;
        const ResultPtr train = resultOf(base);
        const CellInfo info = CellInfo::from(train, cell);
        QVERIFY(info.hasGradient);
        QCOMPARE(info.dy, 1.0);
        QCOMPARE(info.g, 1.0);                        // gamma = 1
        QVERIFY(std::abs(info.meanG - 0.01) < 1e-15); // one 1 among the channel's 100 cells
        // The formula with the shown terms gives the engine's dL/dx.
        const double dx = info.rstd * (info.g - info.meanG - info.xhat * info.meanGXhat);
        QVERIFY(std::abs(dx - info.dx) < 1e-5 * std::abs(info.dx));
        const auto rows = info.rows();
        const auto row = [&rows](const QString& label) {
            for (const auto& [l, v] : rows)
                if (l == label)
                    return v;
            return QString();
        };
        QCOMPARE(row("dL/dy"), QStringLiteral("1"));
        QCOMPARE(row("mean(g) of the group"), QStringLiteral("0.01"));
        QVERIFY(row("dL/dx").startsWith(QStringLiteral("rstd\u00b7(g \u2212 mean(g)")));

        const CellInfo eval = CellInfo::from(resultOf(base + QStringList{"--eval"}), cell);
        QCOMPARE(eval.rows().back().second, QStringLiteral("g\u00b7rstd = 0.999995"));
        // Without a gradient the hover has no gradient rows.
        QVERIFY(!CellInfo::from(resultOf({"--norm", "batch"}), cell).hasGradient);
    }

    void tableShowsDgammaDbetaWithAGradient()
    {
        const ResultPtr plain = resultOf({"--norm", "batch", "--shape", "4,6,5,5"});
        const Table without = statistics(plain);
        QVERIFY(std::find(without.columns.begin(), without.columns.end(), "grad_weight") == without.columns.end());

        const ResultPtr r = resultOf({"--norm", "batch", "--shape", "4,6,5,5", "--grad", "random"});
        const Table with = statistics(r);
        const auto w = std::find(with.columns.begin(), with.columns.end(), "grad_weight");
        QVERIFY(w != with.columns.end());
        QCOMPARE(*(w + 1), std::string("grad_bias"));
        const auto col = static_cast<std::size_t>(w - with.columns.begin());
        QCOMPARE(with.rows.size(), std::size_t(6));
        for (std::size_t c = 0; c < 6; ++c) {
            QCOMPARE(with.rows[c][col].number, r->grad_weight[std::int64_t(c)]);
            QCOMPARE(with.rows[c][col + 1].number, r->grad_bias[std::int64_t(c)]);
        }
        // LayerNorm's groups (samples) read many gammas: no per-row column.
        const Table layer = statistics(resultOf({"--norm", "layer", "--shape", "4,6,5,5", "--grad", "ones"}));
        QVERIFY(std::find(layer.columns.begin(), layer.columns.end(), "grad_weight") == layer.columns.end());
    }

    void windowAndCliWriteTheSameGradientTable_data()
    {
        QTest::addColumn<QStringList>("module");
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("columns");
        QTest::newRow("batch, csv") << QStringList{"--norm", "batch"} << "s.csv" << true;
        QTest::newRow("batch eval, json") << QStringList{"--norm", "batch", "--eval"} << "s.json" << true;
        QTest::newRow("instance affine, md") << QStringList{"--norm", "instance", "--affine"} << "s.md" << true;
        QTest::newRow("group of one channel, tsv")
            << QStringList{"--norm", "group", "--num-groups", "6"} << "s.tsv" << true;
        QTest::newRow("group, html") << QStringList{"--norm", "group", "--num-groups", "3"} << "s.html" << false;
        QTest::newRow("layer, tex") << QStringList{"--norm", "layer", "--normalized-shape", "5,5"} << "s.tex" << false;
    }
    void windowAndCliWriteTheSameGradientTable()
    {
        QFETCH(QStringList, module);
        QFETCH(QString, file);
        QFETCH(bool, columns);
        QTemporaryDir dir;
        const QDir d(dir.path());
        Tensor<float> x(Shape{4, 6, 5, 5}), dy(Shape{4, 6, 5, 5});
        for (std::int64_t i = 0; i < x.numel(); ++i) {
            x[i] = static_cast<float>(std::sin(0.7 * double(i)) * (1 + i % 6));
            dy[i] = static_cast<float>(std::cos(1.3 * double(i)));
        }
        writeNpy(d.filePath("x.npy").toStdString(), x);
        writeNpy(d.filePath("g.npy").toStdString(), dy);
        const QStringList input{"--input", d.filePath("x.npy"), "--grad-output", d.filePath("g.npy")};
        std::vector<std::string> cli;
        for (const QString& a : input + module
                 + QStringList{"--output", d.filePath("y.npy"), "--grad-input-out", d.filePath("dx.npy"), "--table-out",
                               d.filePath("cli-" + file)})
            cli.push_back(a.toStdString());
        runForwardCommand(cli);
        QCOMPARE(runWindow(input + module + QStringList{"--export-table", d.filePath(file)}), 0);
        const QByteArray window = fileContents(d.filePath(file));
        QCOMPARE(window, fileContents(d.filePath("cli-" + file)));
        QCOMPARE(window.contains("grad_weight"), columns);
    }

    void tableModelShowsDgammaDbeta()
    {
        const ResultPtr r = resultOf({"--norm", "instance", "--affine", "--shape", "2,3,4,4", "--grad", "random"});
        StatsTableModel model;
        model.setResult(r);
        const int w = model.column(StatsTableModel::GradWeightColumn);
        const int b = model.column(StatsTableModel::GradBiasColumn);
        QVERIFY(w >= 0 && b == w + 1);
        QCOMPARE(model.headerData(w, Qt::Horizontal, StatsTableModel::ColumnKeyRole).toString(), "grad_weight");
        QCOMPARE(model.rowCount(), 6);
        for (int row = 0; row < 6; ++row) {
            // InstanceNorm's rows are (n, c): each shows its channel's dgamma.
            const std::int64_t c = model.rowAt(row).group % 3;
            QCOMPARE(model.data(model.index(row, w), StatsTableModel::SortRole).toDouble(), r->grad_weight[c]);
            QCOMPARE(model.data(model.index(row, b), StatsTableModel::SortRole).toDouble(), r->grad_bias[c]);
        }
        model.setResult(resultOf({"--norm", "instance", "--affine", "--shape", "2,3,4,4"}));
        QCOMPARE(model.column(StatsTableModel::GradWeightColumn), -1);
    }

    void controlChoosesTheGradientAsAnUndoStep()
    {
        Document document(Experiment::demo());
        ControlsPanel panel(&document);
        GradientBox* box = panel.gradientBox();
        QCOMPARE(document.experiment().gradient.kind, GradKind::None);
        panel.setSelectedCell(37);
        box->kindCombo()->setCurrentIndex(1); // one-hot at the selected cell
        Q_EMIT box->kindCombo()->activated(1);
        QCOMPARE(document.experiment().gradient.kind, GradKind::OneHot);
        QCOMPARE(document.experiment().gradient.index, std::int64_t(37));
        QVERIFY(document.waitUntilIdle());
        QCOMPARE(document.result()->grad_output[37], 1.0);
        // A click elsewhere moves the 1: another undo step.
        panel.setSelectedCell(5);
        QCOMPARE(document.experiment().gradient.index, std::int64_t(5));
        QCOMPARE(document.undoStack()->count(), 2);
        document.undoStack()->undo();
        QCOMPARE(document.experiment().gradient.index, std::int64_t(37));
        document.undoStack()->undo();
        QCOMPARE(document.experiment().gradient.kind, GradKind::None);
        QCOMPARE(box->kindCombo()->currentIndex(), 0);
        QVERIFY(document.waitUntilIdle());
        QVERIFY(!document.result()->hasGradient());
    }

    void pytorchCodeRunsTheBackward()
    {
        // Run with torch, this code gives the window's grad_input/weight/bias (checked by hand with
        // /usr/bin/python3; the suite has no torch): here, that it asks for them.
        const QStringList base{"--norm", "batch", "--shape", "2,3,2,2"};
        const QString onehot =
            PyTorchCodePanel::codeFor(*resultOf(base + QStringList{"--grad", "onehot", "--select", "1,2,0,1"})).text;
        QVERIFY(onehot.contains("x.requires_grad_(True)"));
        QVERIFY(onehot.contains("g = torch.zeros_like(y)"));
        QVERIFY(onehot.contains("g[1, 2, 0, 1] = 1\ny.backward(g)\n"));
        QVERIFY(PyTorchCodePanel::codeFor(*resultOf(base + QStringList{"--grad", "ones"}))
                    .text.contains("g = torch.ones_like(y)  # dL/dy: L = y.sum()\ny.backward(g)"));
        QVERIFY(!PyTorchCodePanel::codeFor(*resultOf(base)).text.contains("backward"));
    }

    void windowSelectionFollowsTheOneHotCell()
    {
        Document document(Experiment::demo());
        MainWindow window(&document);
        window.show();
        QVERIFY(document.waitUntilIdle());
        document.edit(QStringLiteral("one-hot"), [](Experiment& e) {
            e.gradient.kind = GradKind::OneHot;
            e.gradient.index = 42;
        });
        QVERIFY(document.waitUntilIdle());
        QCOMPARE(window.cubeView()->selectedCell(), std::int64_t(42));
        // A click elsewhere moves the 1 (the control follows the selection), undo moves both back.
        window.cubeView()->selectCell(7);
        QCOMPARE(document.experiment().gradient.index, std::int64_t(7));
        document.undoStack()->undo();
        QVERIFY(document.waitUntilIdle());
        QCOMPARE(document.experiment().gradient.index, std::int64_t(42));
        QCOMPARE(window.cubeView()->selectedCell(), std::int64_t(42));
    }

    void sessionKeepsTheGradient()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("g.normscope");
        QCOMPARE(runWindow({"--norm", "group", "--num-groups", "2", "--shape", "2,4,3,3", "--grad", "random", "--seed",
                            "7", "--color-by", "grad", "--save-session", path}),
                 0);
        const Session s = readSessionFile(path);
        QCOMPARE(s.experiment.gradient.kind, GradKind::Random);
        QCOMPARE(s.experiment.gradient.seed, std::uint64_t(7));
        QCOMPARE(s.view.colorBy, 3);
        // An older session (no "gradient" field) still opens, without a gradient.
        QByteArray json = sessionToJson(s);
        const qsizetype begin = json.indexOf("  \"gradient\"");
        QVERIFY(begin > 0);
        json.remove(begin, json.indexOf('\n', begin) + 1 - begin);
        json.replace("\"color_by\": \"grad\"", "\"color_by\": \"y\"");
        const Session old = sessionFromJson(json, "old.normscope");
        QCOMPARE(old.experiment.gradient.kind, GradKind::None);
    }

    void badOptionsExit2()
    {
        QTemporaryDir dir;
        const QString g = dir.filePath("g.npy");
        writeNpy(g.toStdString(), Tensor<double>(Shape{2, 3}, 1.0));
        const QString out = dir.filePath("t.npz");
        const struct {
            QStringList args;
            QString message;
        } cases[] = {
            {{"--grad", "twos"}, "--grad: expected ones, onehot or random, got 'twos'"},
            {{"--color-by", "grad"}, "--color-by grad needs a gradient"},
            {{"--grad", "ones", "--grad-output", g}, "--grad and --grad-output both give dL/dy"},
            {{"--grad-output", g}, "has shape (2, 3) but the input has shape (4, 6, 5, 5)"},
        };
        for (const auto& c : cases) {
            QString error;
            QCOMPARE(runWindow(c.args + QStringList{"--export-tensors", out}, &error), 2);
            QVERIFY2(error.contains(c.message), qPrintable(error));
            QVERIFY(!QFile::exists(out));
        }
        // A file of the input's shape is dL/dy itself.
        const QString good = dir.filePath("good.npy");
        Tensor<double> dy(Shape{2, 3}, 0.0);
        dy[4] = 2.5;
        writeNpy(good.toStdString(), dy);
        const ResultPtr r =
            resultOf({"--norm", "layer", "--tensor", "[[1,2,4],[3,5,9]]", "--dtype", "float64", "--grad-output", good});
        QCOMPARE(r->grad_output[4], 2.5);
        QCOMPARE(nonZeros(r->grad_input), std::int64_t(3)); // LayerNorm: the sample's three elements
    }
};

QTEST_MAIN(TestGradientView)
#include "test_gradient_view.moc"
