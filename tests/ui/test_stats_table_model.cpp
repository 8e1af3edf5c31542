// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/kernels/forward.h"
#include "engine/core/stats_layout.h"
#include "tests/support/random_tensor.h"
#include "tests/support/reference_groups.h"
#include "tests/ui/norm_snapshots.h"
#include "ui/document/snapshot_builder.h"
#include "ui/panels/stats_cell_delegate.h"
#include "ui/panels/stats_table_model.h"
#include "ui/panels/stats_table_view.h"
#include "ui/panels/text_widths.h"
#include "ui/document/number_text.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QGuiApplication>
#include <QSortFilterProxyModel>
#include <QHeaderView>
#include <QPaintEngine>
#include <QPainter>
#include <QStyleOptionHeader>
#include <QTextItem>
#include <QtTest>

#include <cmath>
#include <cstdlib>

using namespace normscope;
using namespace normscope::ui;

namespace {

NormSpec specFor(NormKind kind)
{
    NormSpec spec = NormSpec::defaults(kind);
    if (kind == NormKind::Group)
        spec.num_groups = 2;
    if (kind == NormKind::Layer || kind == NormKind::Rms)
        spec.normalized_shape = {5, 5};
    if (kind == NormKind::Instance)
        spec.track_running_stats = true; // so the running columns are exercised beyond BatchNorm
    return spec;
}

using test::runEngine;

double cell(const QAbstractItemModel& m, int row, int column)
{
    return m.index(row, column).data(StatsTableModel::SortRole).toDouble();
}

bool near(double a, double b, double rel)
{
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    return std::abs(a - b) <= rel * std::max(1.0, std::abs(b));
}

// Channel c of a (2, 2, 1, 2) BatchNorm input: {1, 2, 3, 4} and ten times that.
Tensor<double> knownBatchInput()
{
    return Tensor<double>({2, 2, 1, 2}, std::vector<double>{1, 2, 10, 20, 3, 4, 30, 40});
}

// A paint device that keeps the texts drawn on it, as the painter hands them to the engine.
class TextRecorder : public QPaintDevice {
public:
    QStringList texts;

    QPaintEngine* paintEngine() const override { return &engine_; }

protected:
    int metric(PaintDeviceMetric metric) const override
    {
        switch (metric) {
        case PdmWidth: return 1000;
        case PdmHeight: return 100;
        case PdmDpiX:
        case PdmDpiY:
        case PdmPhysicalDpiX:
        case PdmPhysicalDpiY: return 96;
        case PdmDepth: return 32;
        case PdmDevicePixelRatio: return 1;
        case PdmDevicePixelRatioScaled: return int(QPaintDevice::devicePixelRatioFScale());
        default: return 1000;
        }
    }

private:
    class Engine : public QPaintEngine {
    public:
        explicit Engine(TextRecorder* device) : device_(device) {}
        bool begin(QPaintDevice*) override { return true; }
        bool end() override { return true; }
        void updateState(const QPaintEngineState&) override {}
        void drawPixmap(const QRectF&, const QPixmap&, const QRectF&) override {}
        void drawPolygon(const QPointF*, int, PolygonDrawMode) override {}
        void drawTextItem(const QPointF&, const QTextItem& item) override { device_->texts << item.text(); }
        Type type() const override { return User; }

    private:
        TextRecorder* device_;
    };
    mutable Engine engine_{this};
};

} // namespace

class TestStatsTableModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void modelTesterAcrossResults();
    void rowsMatchEngine_data();
    void rowsMatchEngine();
    void evalUsesRunningRstd();
    void sortsNumerically();
    void modelSortKeepsSelectionAndNaNLast();
    void copiesTabSeparatedText();
    void rmsNormRowsByHand();
    void copiesFloat32InItsDtype();
    void copiesSelectedRowsInViewOrder();
    void errorAndNullShowNoRows();
    void rememberedWidthsAreMeasuredWidths();
    void cellsShowWholeNumbersOrElide();
    void hiddenTableFitsColumnsWhenAsked();
    void onlyTheSortedColumnMakesRoomForItsArrow();
};

void TestStatsTableModel::modelTesterAcrossResults()
{
    StatsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(StatsTableModel::SortRole);
    proxy.sort(2);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

    const Tensor<double> x = test::randomTensor<double>({4, 6, 5, 5}, 11, 2.0, 3.0);
    for (NormKind kind : {NormKind::Batch, NormKind::Layer, NormKind::Instance, NormKind::Group, NormKind::Rms}) {
        model.setResult(runEngine(specFor(kind), x));
        QVERIFY(model.rowCount() > 0);
    }
    model.setResult(buildErrorSnapshot(8, specFor(NormKind::Group), x, "num_channels must be divisible by num_groups"));
    QCOMPARE(model.rowCount(), 0);
    model.setResult(nullptr);
    QCOMPARE(model.rowCount(), 0);
    model.setResult(runEngine(specFor(NormKind::Batch), x));
    QCOMPARE(model.rowCount(), 6);
}

void TestStatsTableModel::rowsMatchEngine_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("float32");
    for (NormKind kind : {NormKind::Batch, NormKind::Layer, NormKind::Instance, NormKind::Group, NormKind::Rms}) {
        QTest::newRow((std::string(toString(kind)) + " f64").c_str()) << int(kind) << false;
        QTest::newRow((std::string(toString(kind)) + " f32").c_str()) << int(kind) << true;
    }
}

void TestStatsTableModel::rowsMatchEngine()
{
    QFETCH(int, kind);
    QFETCH(bool, float32);
    const NormSpec spec = specFor(NormKind(kind));
    const Tensor<double> x64 = test::randomTensor<double>({4, 6, 5, 5}, 3, 1.5, 2.0);
    const ResultPtr snap = float32 ? runEngine(spec, x64.cast<float>()) : runEngine(spec, x64);
    QVERIFY(snap->ok());
    const StatsLayout& layout = *snap->layout; // for the row labels only
    // The groups from the norms' definitions (tests/support/reference_groups.h), not StatsLayout.
    const auto groups = test::referenceGroups(spec, x64.shape());
    // Statistics of a float32 run are float32 numbers; the table widens x itself.
    const double tol = float32 ? 2e-6 : 1e-12;

    StatsTableModel model;
    model.setResult(snap);
    QCOMPARE(model.rowCount(), int(groups.size()));
    const bool rms = spec.kind == NormKind::Rms;
    QCOMPARE(model.column(StatsTableModel::MeanSquareColumn) >= 0, rms);
    QCOMPARE(model.column(StatsTableModel::RunningMeanColumn) >= 0, spec.hasRunningStats());

    const int countCol = model.column(StatsTableModel::CountColumn);
    const int meanCol = model.column(StatsTableModel::MeanColumn);
    const int varCol = model.column(StatsTableModel::VarColumn);
    const int unbiasedCol = model.column(StatsTableModel::VarUnbiasedColumn);
    const int rstdCol = model.column(StatsTableModel::RstdColumn);
    const int outMeanCol = model.column(StatsTableModel::OutputMeanColumn);
    const int outStdCol = model.column(StatsTableModel::OutputStdColumn);
    for (int g = 0; g < model.rowCount(); ++g) {
        QCOMPARE(model.index(g, 0).data().toString(), QString::fromStdString(layout.groupLabel(g)));
        const std::vector<std::int64_t>& members = groups[std::size_t(g)];
        const double n = double(members.size());
        QCOMPARE(cell(model, g, countCol), n);

        // Independent loop over the snapshot's x and y for this group.
        long double sx = 0, sy = 0;
        for (std::int64_t i : members) {
            sx += snap->input[i];
            sy += snap->output[i];
        }
        const long double mx = sx / n, my = sy / n;
        long double ssx = 0, ssy = 0, sqx = 0;
        for (std::int64_t i : members) {
            ssx += (snap->input[i] - mx) * (snap->input[i] - mx);
            ssy += (snap->output[i] - my) * (snap->output[i] - my);
            sqx += snap->input[i] * snap->input[i];
        }
        QVERIFY(near(cell(model, g, meanCol), double(mx), 1e-12));
        QVERIFY(near(cell(model, g, varCol), double(ssx / n), 1e-12));
        QVERIFY(near(cell(model, g, unbiasedCol), double(ssx / (n - 1)), 1e-12));
        QVERIFY(near(cell(model, g, outMeanCol), double(my), 1e-12));
        QVERIFY(near(cell(model, g, outStdCol), std::sqrt(double(ssy / (n - 1))), 1e-12));

        // The engine's own statistics: the table agrees with the forward pass.
        if (rms) {
            QVERIFY(near(cell(model, g, model.column(StatsTableModel::MeanSquareColumn)), double(sqx / n), 1e-12));
            QVERIFY(near(cell(model, g, model.column(StatsTableModel::MeanSquareColumn)), snap->var[g], tol));
        } else {
            QVERIFY2(near(cell(model, g, meanCol), snap->mean[g], tol), qPrintable(QString::number(g)));
            QVERIFY(near(cell(model, g, varCol), snap->var[g], tol));
        }
        QCOMPARE(cell(model, g, rstdCol), snap->rstd[g]);
        if (spec.hasRunningStats()) {
            const std::int64_t c = test::unravel(x64.shape(), members.front())[1]; // the group's channel
            QCOMPARE(cell(model, g, model.column(StatsTableModel::RunningMeanColumn)), snap->running_mean[c]);
            QCOMPARE(cell(model, g, model.column(StatsTableModel::RunningVarColumn)), snap->running_var[c]);
        }
        // Display: six significant digits of the same number.
        QCOMPARE(model.index(g, meanCol).data().toString(), QString::number(cell(model, g, meanCol), 'g', 6));
    }
}

void TestStatsTableModel::evalUsesRunningRstd()
{
    NormSpec spec = specFor(NormKind::Batch);
    spec.mode = Mode::Eval;
    const Tensor<double> x = knownBatchInput();
    NormState<double> state = NormState<double>::initial(spec, x.shape());
    state.running_var = Tensor<double>({2}, std::vector<double>{4.0, 0.25});
    ForwardResult<double> r;
    forward(spec, x, state, r);
    StatsTableModel model;
    model.setResult(buildSnapshot(1, spec, x, r, state));
    // mean/var are the batch's; rstd is what eval normalised with: 1 / sqrt(running_var + eps).
    QCOMPARE(cell(model, 0, model.column(StatsTableModel::MeanColumn)), 2.5);
    QCOMPARE(cell(model, 0, model.column(StatsTableModel::VarColumn)), 1.25);
    QVERIFY(near(cell(model, 0, model.column(StatsTableModel::RstdColumn)), 1.0 / std::sqrt(4.0 + 1e-5), 1e-15));
    QVERIFY(near(cell(model, 1, model.column(StatsTableModel::RstdColumn)), 1.0 / std::sqrt(0.25 + 1e-5), 1e-15));
    QCOMPARE(cell(model, 1, model.column(StatsTableModel::RunningVarColumn)), 0.25);
}

void TestStatsTableModel::sortsNumerically()
{
    // Channel means -1, 9, 10, 100: as strings "-1" < "10" < "100" < "9".
    const double offsets[] = {10, -1, 100, 9};
    Tensor<double> x({2, 4, 1, 2});
    for (std::int64_t n = 0; n < 2; ++n)
        for (std::int64_t c = 0; c < 4; ++c)
            for (std::int64_t w = 0; w < 2; ++w)
                x[(n * 4 + c) * 2 + w] = offsets[c] + (w ? 0.5 : -0.5);
    StatsTableView view;
    view.setResult(runEngine(specFor(NormKind::Batch), x));
    const int meanCol = view.statsModel()->column(StatsTableModel::MeanColumn);
    view.sortByColumn(meanCol, Qt::AscendingOrder);
    QAbstractItemModel* proxy = view.model(); // the model itself: it sorts its own rows
    QCOMPARE(proxy->rowCount(), 4);
    const QStringList expected{QStringLiteral("c=1"), QStringLiteral("c=3"), QStringLiteral("c=0"),
                               QStringLiteral("c=2")};
    for (int r = 0; r < 4; ++r)
        QCOMPARE(proxy->index(r, 0).data().toString(), expected[r]);
    QCOMPARE(proxy->index(0, meanCol).data().toString(), QStringLiteral("-1"));
    QCOMPARE(proxy->index(3, meanCol).data().toString(), QStringLiteral("100"));

    view.sortByColumn(meanCol, Qt::DescendingOrder);
    QCOMPARE(proxy->index(0, 0).data().toString(), QStringLiteral("c=2"));
    // Sorting by the group column follows the group index, not the label text.
    view.sortByColumn(0, Qt::DescendingOrder);
    QCOMPARE(proxy->index(0, 0).data().toString(), QStringLiteral("c=3"));

    // The sort survives a new result (channel means now reversed), and follows its quantity.
    view.sortByColumn(meanCol, Qt::AscendingOrder);
    Tensor<double> reversed = x;
    for (std::int64_t i = 0; i < reversed.numel(); ++i)
        reversed[i] = -x[i];
    view.setResult(runEngine(specFor(NormKind::Batch), reversed));
    QCOMPARE(proxy->index(0, 0).data().toString(), QStringLiteral("c=2")); // mean -100
    QCOMPARE(view.horizontalHeader()->sortIndicatorSection(), meanCol);
    // A spec without running statistics drops those columns; the mean stays the sort key.
    view.sortByColumn(view.statsModel()->column(StatsTableModel::RunningVarColumn), Qt::AscendingOrder);
    NormSpec untracked = specFor(NormKind::Batch);
    untracked.track_running_stats = false;
    view.setResult(runEngine(untracked, x));
    QCOMPARE(view.statsModel()->sortColumn(), -1); // running var is gone: group order
    QCOMPARE(proxy->index(0, 0).data().toString(), QStringLiteral("c=0"));
    QCOMPARE(view.horizontalHeader()->sortIndicatorSection(), -1);
}

void TestStatsTableModel::modelSortKeepsSelectionAndNaNLast()
{
    // InstanceNorm on (1, 3, 1): one value per group, unbiased variance NaN everywhere but sortable.
    StatsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Tensor<double> x({1, 3, 2}, std::vector<double>{5, 7, 1, 1, 3, 3});
    model.setResult(runEngine(specFor(NormKind::Instance), x));
    const QPersistentModelIndex c0 = model.index(0, 0);
    model.sort(model.column(StatsTableModel::MeanColumn), Qt::DescendingOrder);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("n=0, c=0")); // mean 6
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("n=0, c=2")); // 3
    QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("n=0, c=1")); // 1
    model.sort(model.column(StatsTableModel::MeanColumn), Qt::AscendingOrder);
    QCOMPARE(c0.row(), 2); // the persistent index followed its group
    QCOMPARE(c0.data().toString(), QStringLiteral("n=0, c=0"));
    model.sort(-1);
    QCOMPARE(c0.row(), 0);

    // LayerNorm over a last dim of 1: groups of one value, whose unbiased variance is NaN.
    NormSpec spec = specFor(NormKind::Layer);
    spec.normalized_shape = {1};
    model.setResult(runEngine(spec, Tensor<double>({1, 3, 1}, std::vector<double>{2, 1, 3})));
    QCOMPARE(model.rowCount(), 3);
    const int unbiased = model.column(StatsTableModel::VarUnbiasedColumn);
    model.sort(unbiased, Qt::AscendingOrder);
    for (int r = 0; r < 3; ++r) {
        QVERIFY(std::isnan(model.index(r, unbiased).data(StatsTableModel::SortRole).toDouble()));
        QCOMPARE(model.index(r, unbiased).data().toString(), QStringLiteral("nan"));
    }
    // The sort is kept for the next result: now by mean, NaN-free, descending.
    model.sort(model.column(StatsTableModel::MeanColumn), Qt::DescendingOrder);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("n=0, c=2")); // 3
    QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("n=0, c=1")); // 1
}

void TestStatsTableModel::copiesTabSeparatedText()
{
    const NormSpec spec = specFor(NormKind::Batch); // training, momentum 0.1, eps 1e-5
    StatsTableView view;
    view.setResult(runEngine(spec, knownBatchInput()));
    QGuiApplication::clipboard()->clear();
    view.copySelection();
    const QString text = QGuiApplication::clipboard()->text();
    QCOMPARE(text, view.selectionAsTsv());
    QVERIFY(text.endsWith(QLatin1Char('\n')));
    const QStringList lines = text.trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0],
             QStringLiteral("group\tcount\tmean\tvar\tvar_unbiased\trstd\ty_mean\ty_std\trunning_mean\trunning_var"));

    // Channel 0 = {1, 2, 3, 4}, channel 1 = {10, 20, 30, 40}; derived by hand.
    const double eps = 1e-5;
    const struct {
        const char* label;
        double mean, var, unbiased;
    } expect[] = {{"c=0", 2.5, 1.25, 5.0 / 3.0}, {"c=1", 25.0, 125.0, 500.0 / 3.0}};
    for (int r = 0; r < 2; ++r) {
        const QStringList cells = lines[r + 1].split(QLatin1Char('\t'));
        QCOMPARE(cells.size(), 10);
        QCOMPARE(cells[0], QString::fromLatin1(expect[r].label));
        QCOMPARE(cells[1], QStringLiteral("4"));
        QCOMPARE(cells[2].toDouble(), expect[r].mean);
        QCOMPARE(cells[3].toDouble(), expect[r].var);
        QVERIFY(near(cells[4].toDouble(), expect[r].unbiased, 1e-15));
        QVERIFY(near(cells[5].toDouble(), 1.0 / std::sqrt(expect[r].var + eps), 1e-14));
        QVERIFY(std::abs(cells[6].toDouble()) < 1e-12); // normalised with gamma 1, beta 0
        QVERIFY(near(cells[7].toDouble(), std::sqrt(4.0 / 3.0 * expect[r].var / (expect[r].var + eps)), 1e-12));
        // running = 0.9 * initial + 0.1 * batch (PyTorch updates running_var with the unbiased variance)
        QVERIFY(near(cells[8].toDouble(), 0.1 * expect[r].mean, 1e-15));
        QVERIFY(near(cells[9].toDouble(), 0.9 + 0.1 * expect[r].unbiased, 1e-15));
    }
    // Copied numbers keep full precision: 5/3 is not cut to six digits.
    QCOMPARE(lines[1].split(QLatin1Char('\t'))[4], QStringLiteral("1.6666666666666667"));
}

void TestStatsTableModel::rmsNormRowsByHand()
{
    // RMSNorm over the last dim of a (3, 2) input, eps 3.5 so that mean square + eps is a square:
    // rows {3, 4}, {-3, 4} and {1, 0}. RMSNorm subtracts no mean: its statistic is the mean square
    // sum(x^2) / n (12.5, 12.5, 0.5), rstd = 1 / sqrt(ms + 3.5) = 1/4, 1/4, 1/2, and y = x * rstd
    // (gamma 1) = {0.75, 1}, {-0.75, 1}, {0.5, 0}. The mean and variance of x are shown as they are
    // (3.5 / 0.25, 0.5 / 12.25, 0.5 / 0.25) though RMSNorm uses neither; rows {3, 4} and {-3, 4}
    // have one mean square and different variances. No running statistics.
    NormSpec spec = NormSpec::defaults(NormKind::Rms);
    spec.normalized_shape = {2};
    spec.eps = 3.5;
    const Tensor<double> x({3, 2}, std::vector<double>{3, 4, -3, 4, 1, 0});
    StatsTableView view;
    view.setResult(runEngine(spec, x));
    const StatsTableModel& model = *view.statsModel();
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.column(StatsTableModel::RunningMeanColumn), -1);
    // The copy is the contract's statistics table (forward --table-out's): RMSNorm has no mean
    // column and its var is the mean square; the window shows mean and var of x beside it.
    const QStringList lines = view.selectionAsTsv().trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[0], QStringLiteral("group\tcount\tvar\tvar_unbiased\trstd\ty_mean\ty_std"));
    const struct {
        const char* label;
        double mean, var, unbiased, meanSquare, rstd, outMean, outStd;
    } expect[] = {
        // out std (unbiased) of two values a, b: |a - b| / sqrt(2).
        {"n=0", 3.5, 0.25, 0.5, 12.5, 0.25, 0.875, 0.25 / std::sqrt(2.0)},
        {"n=1", 0.5, 12.25, 24.5, 12.5, 0.25, 0.125, 1.75 / std::sqrt(2.0)},
        {"n=2", 0.5, 0.25, 0.5, 0.5, 0.5, 0.25, 0.5 / std::sqrt(2.0)},
    };
    for (int r = 0; r < 3; ++r) {
        const QStringList cells = lines[r + 1].split(QLatin1Char('\t'));
        QCOMPARE(cells.size(), 7);
        QCOMPARE(cells[0], QString::fromLatin1(expect[r].label));
        QCOMPARE(cells[1], QStringLiteral("2"));
        QCOMPARE(cells[2].toDouble(), expect[r].meanSquare);
        QCOMPARE(cells[3].toDouble(), expect[r].unbiased);
        QCOMPARE(cells[4].toDouble(), expect[r].rstd);
        QCOMPARE(cells[5].toDouble(), expect[r].outMean);
        QVERIFY2(near(cells[6].toDouble(), expect[r].outStd, 1e-15), qPrintable(cells[6]));
        QCOMPARE(cell(model, r, model.column(StatsTableModel::MeanColumn)), expect[r].mean);
        QCOMPARE(cell(model, r, model.column(StatsTableModel::VarColumn)), expect[r].var);
        // The same numbers in the model's sort role.
        QCOMPARE(cell(model, r, model.column(StatsTableModel::MeanSquareColumn)), expect[r].meanSquare);
        QCOMPARE(cell(model, r, model.column(StatsTableModel::RstdColumn)), expect[r].rstd);
    }
}

void TestStatsTableModel::copiesFloat32InItsDtype()
{
    // Channel 0 holds 0.3f twice, channel 1 holds 0.1f and 0.5f (x is (N=2, C=2, 1, 1)). Summed in
    // double, channel 0's mean is 0.30000001192092896 (the float 0.3f widened) and channel 1's
    // 0.30000000074505806; both round to the float 0.3f and are copied as "0.3". By hand, channel 1's
    // deviations are +-0.2: var 0.04 and unbiased var 0.08, again exact as floats; channel 0's are 0.
    const Tensor<float> x({2, 2, 1, 1}, std::vector<float>{0.3f, 0.1f, 0.3f, 0.5f});
    StatsTableView view;
    view.setResult(runEngine(specFor(NormKind::Batch), x));
    const QStringList lines = view.selectionAsTsv().trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3);
    const QStringList c0 = lines[1].split(QLatin1Char('\t')), c1 = lines[2].split(QLatin1Char('\t'));
    QCOMPARE(c0.mid(0, 5), (QStringList{"c=0", "2", "0.3", "0", "0"}));
    QCOMPARE(c1.mid(0, 5), (QStringList{"c=1", "2", "0.3", "0.04", "0.08"}));
    QCOMPARE(c0[6], QStringLiteral("0")); // y = 0 * rstd: out mean and out std
    QCOMPARE(c0[7], QStringLiteral("0"));

    // Every number copied is the float32 value of its cell, in at most float's 9 significant digits.
    const StatsTableModel& model = *view.statsModel();
    for (int r = 0; r < 2; ++r) {
        const QStringList cells = lines[r + 1].split(QLatin1Char('\t'));
        QCOMPARE(cells.size(), model.columnCount());
        for (int c = 2; c < model.columnCount(); ++c) {
            const float expected = static_cast<float>(model.index(r, c).data(StatsTableModel::SortRole).toDouble());
            QCOMPARE(std::strtof(cells[c].toLatin1().constData(), nullptr), expected);
            QVERIFY2(cells[c].size() <= 15, qPrintable(cells[c])); // "-1.2345678e-05"; a double's noise is longer
            QCOMPARE(model.index(r, c).data(Qt::ToolTipRole).toString(), cells[c]);
        }
    }
    // The old copy wrote the widened double; the display keeps six significant digits.
    QVERIFY(!lines[1].contains(QStringLiteral("0.30000001192092896")));
    QCOMPARE(model.index(1, model.column(StatsTableModel::MeanColumn)).data().toString(), QStringLiteral("0.3"));
}

void TestStatsTableModel::copiesSelectedRowsInViewOrder()
{
    const Tensor<double> x = test::randomTensor<double>({3, 5, 2, 2}, 5, 0.0, 1.0);
    StatsTableView view;
    view.resize(900, 300);
    view.setResult(runEngine(specFor(NormKind::Batch), x));
    view.sortByColumn(0, Qt::DescendingOrder);                         // c=4 first
    view.selectRow(1);                                                 // c=3
    QTest::keyClick(view.viewport(), Qt::Key_Down, Qt::ShiftModifier); // and c=2
    QGuiApplication::clipboard()->clear();
    QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
    const QStringList lines = QGuiApplication::clipboard()->text().trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[1].startsWith(QStringLiteral("c=3\t")));
    QVERIFY(lines[2].startsWith(QStringLiteral("c=2\t")));

    view.clearSelection();
    QCOMPARE(view.selectionAsTsv().trimmed().split(QLatin1Char('\n')).size(), 6); // header + all 5
}

void TestStatsTableModel::errorAndNullShowNoRows()
{
    const Tensor<double> x = test::randomTensor<double>({2, 6, 3, 3}, 1);
    NormSpec spec = specFor(NormKind::Group);
    spec.num_groups = 4;
    StatsTableView view;
    view.setResult(buildErrorSnapshot(3, spec, x, "num_channels must be divisible by num_groups"));
    QCOMPARE(view.model()->rowCount(), 0);
    QCOMPARE(view.statsModel()->errorMessage(), QStringLiteral("num_channels must be divisible by num_groups"));
    QCOMPARE(view.selectionAsTsv().trimmed().split(QLatin1Char('\n')).size(), 1); // header only
    view.resize(400, 200);
    // The empty viewport says why in red (the engine's message); without a result, in grey.
    const auto redPixels = [&view] {
        const QImage image = view.viewport()->grab().toImage();
        int count = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                count += c.red() > c.green() + 60 && c.red() > c.blue() + 60 ? 1 : 0;
            }
        return count;
    };
    QVERIFY2(redPixels() > 50, qPrintable(QString::number(redPixels())));
    view.setResult(nullptr);
    QCOMPARE(view.model()->rowCount(), 0);
    QVERIFY(view.statsModel()->errorMessage().isEmpty());
    QCOMPARE(redPixels(), 0);
}

void TestStatsTableModel::rememberedWidthsAreMeasuredWidths()
{
    // TextWidths reads every digit as 0 where the digits are equally wide: the widths must still be
    // each text's own, in the table's font and in presenter mode's larger bold one.
    QFont large = QGuiApplication::font();
    large.setPointSizeF(large.pointSizeF() * 1.8);
    large.setBold(true);
    for (const QFont& font : {QGuiApplication::font(), large}) {
        const TextWidths widths(font);
        const QFontMetrics metrics(font);
        QVERIFY(widths.isFor(font));
        const Tensor<double> values = test::randomTensor<double>({400}, 11, 0.0, 1.0);
        QStringList texts{QStringLiteral("c=17"), QStringLiteral("n=3, g=12"), QStringLiteral("nan"),
                          QStringLiteral("-inf"), QStringLiteral("组 3")};
        for (std::int64_t i = 0; i < values.numel(); ++i) {
            const double v = values[i] * std::pow(10.0, double(i % 40) - 20); // 1e-20 .. 1e19
            texts << formatNumber(v) << formatNumber(-v) << QString::number(i * 7919);
        }
        for (const QString& text : texts) // twice: measured, then remembered
            for (int pass = 0; pass < 2; ++pass)
                QCOMPARE(widths.width(text), metrics.horizontalAdvance(text));
    }
}

void TestStatsTableModel::cellsShowWholeNumbersOrElide()
{
    const Tensor<double> x = test::randomTensor<double>({2, 3, 2, 2}, 4, -1000.0, 300.0);
    StatsTableModel model;
    model.setResult(runEngine(specFor(NormKind::Batch), x));
    const QModelIndex index = model.index(1, model.column(StatsTableModel::MeanColumn));
    const QString text = index.data().toString();
    QVERIFY(text.size() >= 6);
    StatsCellDelegate delegate(std::make_shared<TextWidths>(QGuiApplication::font()), nullptr);
    QStyleOptionViewItem option;
    option.palette = QGuiApplication::palette();
    option.font = QGuiApplication::font();
    option.fontMetrics = QFontMetrics(option.font);
    option.state = QStyle::State_Enabled;
    const auto shown = [&](int width) {
        TextRecorder device;
        QPainter painter(&device);
        option.rect = QRect(0, 0, width, 24);
        delegate.paint(&painter, option, index);
        painter.end();
        return device.texts.join(QString());
    };
    const int needed = option.fontMetrics.horizontalAdvance(text);
    QCOMPARE(shown(needed + 20), text); // room: the whole number
    const QString narrow = shown(needed / 2);
    QVERIFY2(narrow.endsWith(QChar(0x2026)), qPrintable(narrow)); // too narrow: visibly cut
    QVERIFY2(text.startsWith(narrow.chopped(1)), qPrintable(narrow));
}

void TestStatsTableModel::hiddenTableFitsColumnsWhenAsked()
{
    // Hidden, the table leaves its widths for later; the window asks for its width before showing it.
    const Tensor<double> x = test::randomTensor<double>({3, 5, 2, 2}, 5, -1e6, 1.0);
    StatsTableView hidden;
    StatsTableView shown;
    shown.resize(900, 300);
    shown.show();
    const ResultPtr r = runEngine(specFor(NormKind::Batch), x);
    hidden.setResult(r);
    shown.setResult(r);
    QCOMPARE(hidden.contentWidth(), shown.contentWidth());
    // Every number whole in its column (widths measured here with the font's own metrics).
    const StatsTableModel* model = shown.statsModel();
    for (int c = 0; c < model->columnCount(); ++c)
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString text = model->index(row, c).data().toString();
            QVERIFY2(shown.horizontalHeader()->sectionSize(c) > shown.fontMetrics().horizontalAdvance(text),
                     qPrintable(text));
        }
}

void TestStatsTableModel::onlyTheSortedColumnMakesRoomForItsArrow()
{
    const Tensor<double> x = test::randomTensor<double>({3, 5, 2, 2}, 5, 0.0, 1.0);
    // Presenter mode's type (it sets the application's font): the arrow takes half the two-line
    // header's height from the text.
    struct RestoreFont {
        QFont font = QApplication::font();
        ~RestoreFont() { QApplication::setFont(font); }
    } restore;
    QFont large = restore.font;
    large.setPointSizeF(large.pointSizeF() * 2);
    QApplication::setFont(large);
    StatsTableView view;
    view.resize(1800, 400);
    view.show();
    view.setResult(runEngine(specFor(NormKind::Batch), x));
    QHeaderView* header = view.horizontalHeader();
    const StatsTableModel* model = view.statsModel();
    const QFontMetrics headerFont(header->font());
    const auto headerWidth = [&](int c) {
        int width = 0;
        for (const QString& line : model->headerData(c, Qt::Horizontal).toString().split(QLatin1Char('\n')))
            width = std::max(width, headerFont.horizontalAdvance(line));
        return width;
    };
    // The width the style leaves for section c's text, with or without an arrow, as QHeaderView
    // paints it.
    const auto labelWidth = [&](int c, bool arrow) {
        QStyleOptionHeader option;
        option.initFrom(header);
        option.orientation = Qt::Horizontal;
        option.state |= QStyle::State_Horizontal;
        option.rect = QRect(0, 0, header->sectionSize(c), header->height());
        option.sortIndicator = arrow ? QStyleOptionHeader::SortUp : QStyleOptionHeader::None;
        return header->style()->subElementRect(QStyle::SE_HeaderLabel, &option, header).width();
    };
    const auto sizes = [&] {
        QList<int> s;
        for (int c = 0; c < model->columnCount(); ++c)
            s << header->sectionSize(c);
        return s;
    };
    const QList<int> unsorted = sizes();
    for (int c = 0; c < model->columnCount(); ++c)
        QVERIFY(labelWidth(c, false) >= headerWidth(c)); // every header whole

    // "count" is wider than its numbers (12 per channel), so its width is its header's: sorted, it
    // grows until the text fits beside the arrow, and no other column changes.
    const int countCol = model->column(StatsTableModel::CountColumn);
    for (int r = 0; r < model->rowCount(); ++r)
        QVERIFY(headerFont.horizontalAdvance(model->index(r, countCol).data().toString()) < headerWidth(countCol));
    QVERIFY(labelWidth(countCol, true) < headerWidth(countCol)); // unsorted width: the arrow would cut it
    view.sortByColumn(countCol, Qt::AscendingOrder);
    QVERIFY(labelWidth(countCol, true) >= headerWidth(countCol));
    for (int c = 0; c < model->columnCount(); ++c)
        if (c != countCol)
            QCOMPARE(sizes()[c], unsorted[c]);
    // Another column sorted: the room moves with the arrow; a new result keeps it there.
    const int runningVarCol = model->column(StatsTableModel::RunningVarColumn);
    view.sortByColumn(runningVarCol, Qt::DescendingOrder);
    QCOMPARE(sizes()[countCol], unsorted[countCol]);
    QVERIFY(labelWidth(runningVarCol, true) >= headerWidth(runningVarCol));
    const QList<int> byRunningVar = sizes();
    view.setResult(runEngine(specFor(NormKind::Batch), x));
    QCOMPARE(sizes(), byRunningVar);
    // Back to group order: no arrow, no room.
    header->setSortIndicator(-1, Qt::AscendingOrder);
    QCOMPARE(sizes(), unsorted);
}

QTEST_MAIN(TestStatsTableModel)
#include "test_stats_table_model.moc"
