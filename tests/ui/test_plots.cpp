// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/kernels/forward.h"
#include "tests/support/random_tensor.h"
#include "tests/ui/norm_snapshots.h"
#include "ui/plots/group_stats_plot.h"
#include "ui/plots/histogram_plot.h"
#include "ui/panels/pytorch_code_panel.h"
#include "ui/document/number_text.h"
#include "ui/document/result_digest.h"
#include "ui/plots/running_stats_plot.h"
#include "ui/document/snapshot_builder.h"

#include <QApplication>
#include <QClipboard>
#include <QGuiApplication>
#include <QPushButton>
#include <QtTest>

#include <qcustomplot.h>

#include <cmath>
#include <numeric>

using namespace normscope;
using namespace normscope::ui;

namespace {

const NormKind kAllKinds[] = {NormKind::Batch, NormKind::Layer, NormKind::Instance, NormKind::Group, NormKind::Rms};

NormSpec specFor(NormKind kind)
{
    NormSpec spec = NormSpec::defaults(kind);
    if (kind == NormKind::Group)
        spec.num_groups = 2;
    if (kind == NormKind::Layer || kind == NormKind::Rms)
        spec.normalized_shape = {5, 5};
    return spec;
}

using test::runEngine;

/// `steps` training passes on x, the last one the displayed pass: the history holds the running
/// statistics before the first pass and after each committed one (steps - 1), the snapshot's
/// running_mean/var those after the displayed pass, as engine_runner::run makes them.
ResultPtr runSteps(const NormSpec& spec, const Tensor<double>& x, int steps)
{
    NormState<double> state = NormState<double>::initial(spec, x.shape());
    auto snap = std::make_shared<ResultSnapshot>();
    ForwardResult<double> r;
    for (int s = 0; s < steps; ++s) {
        snap->running_mean_history.push_back(state.running_mean);
        snap->running_var_history.push_back(state.running_var);
        forward(spec, x, state, r);
    }
    fillSnapshot(*snap, spec, std::make_shared<const AnyTensor>(x), std::move(r), state);
    return snap;
}

ResultPtr errorSnapshot()
{
    NormSpec spec = specFor(NormKind::Group);
    spec.num_groups = 4;
    return buildErrorSnapshot(2, spec, test::randomTensor<double>({2, 6, 3, 3}, 4),
                              "num_channels must be divisible by num_groups");
}

std::int64_t sum(const Histogram& h)
{
    return std::accumulate(h.counts.begin(), h.counts.end(), std::int64_t(0));
}

/// The heights a histogram curve draws: 0 at the left edge, each bin's count at both its corners,
/// 0 at the right edge.
std::vector<double> curveHeights(const QCPCurve* curve)
{
    std::vector<double> out;
    for (auto it = curve->data()->constBegin(); it != curve->data()->constEnd(); ++it)
        out.push_back(it->value);
    return out;
}

std::vector<double> outlineOf(const std::vector<std::int64_t>& counts)
{
    std::vector<double> out{0.0};
    for (const std::int64_t c : counts)
        out.insert(out.end(), {double(c), double(c)});
    out.push_back(0.0);
    return out;
}

/// `bins` equal bins over [lo, hi] (the last one closed), counted here from the values.
std::vector<std::int64_t> countsOf(const Tensor<double>::Storage& values, double lo, double hi, int bins)
{
    std::vector<std::int64_t> counts(std::size_t(bins), 0);
    const double width = (hi - lo) / bins;
    for (const double v : values)
        ++counts[std::size_t(std::min(bins - 1, int(std::floor((v - lo) / width))))];
    return counts;
}

} // namespace

class TestPlots : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyPlotAcceptsEveryResult();
    void histogramCountsEveryValue();
    void histogramSubsamplesLargeInputs();
    void groupStatsPlotShowsEngineStatistics();
    void groupStatsPlotManyGroups();
    void runningPlotHasOnePointPerHistoryEntry();
    void runningPlotSaysWhenNothingIsTracked();
    void plotsTakeResultAfterResult();
    void codePanelConstructors_data();
    void codePanelConstructors();
    void codePanelMentionsEvalStateAndErrors();
    void codePanelLiteralsRoundTrip();
    void pythonFloatLikeRepr_data();
    void pythonFloatLikeRepr();
};

void TestPlots::everyPlotAcceptsEveryResult()
{
    HistogramPlot histogram;
    GroupStatsPlot groups;
    RunningStatsPlot running;
    PyTorchCodePanel code;
    const Tensor<double> x = test::randomTensor<double>({4, 6, 5, 5}, 9, 1.0, 2.0);
    std::vector<ResultPtr> results{nullptr, errorSnapshot()};
    for (NormKind kind : kAllKinds) {
        results.push_back(runEngine(specFor(kind), x));
        results.push_back(runEngine(specFor(kind), x.cast<float>()));
    }
    results.push_back(nullptr);
    for (const ResultPtr& r : results) {
        histogram.setResult(r);
        groups.setResult(r);
        running.setResult(r);
        code.setResult(r);
        for (QWidget* w : std::initializer_list<QWidget*>{&histogram, &groups, &running, &code}) {
            w->resize(480, 360);
            w->grab(); // painting every kind of result must not crash
        }
        const bool error = r && !r->ok();
        // What each plot draws is its result's: the histogram curves are the bins' counts, one bar
        // per group (as many as the norms' definitions make), a line per channel's running
        // mean and var where tracked.
        auto* inputCurve = qobject_cast<QCPCurve*>(histogram.plot()->plottable(0));
        auto* outputCurve = qobject_cast<QCPCurve*>(histogram.plot()->plottable(1));
        QVERIFY(inputCurve && outputCurve);
        // A refused result's message replaces the plot (it was drawn over the bars): x is counted, not drawn.
        QCOMPARE(inputCurve->visible(), r && r->ok());
        QCOMPARE(outputCurve->visible(), r && r->ok());
        if (r) {
            QCOMPARE(sum(histogram.inputHistogram()), r->input.numel());
            QCOMPARE(curveHeights(inputCurve), outlineOf(histogram.inputHistogram().counts));
        }
        if (r && r->ok()) {
            QCOMPARE(sum(histogram.outputHistogram()), r->output.numel());
            QCOMPARE(curveHeights(outputCurve), outlineOf(histogram.outputHistogram().counts));
            const auto groupCount = test::referenceGroups(r->spec, r->input.shape()).size();
            QCOMPARE(groups.plottedMeans().size(), groupCount);
            QCOMPARE(std::size_t(qobject_cast<QCPBars*>(groups.plot()->plottable(0))->dataCount()), groupCount);
            QCOMPARE(running.plot()->graphCount(), r->spec.hasRunningStats() ? 2 * 6 : 0);
            QVERIFY(code.code().contains(QStringLiteral("y = ")));
        }
        QCOMPARE(histogram.message().isEmpty(), r && r->ok());
        QCOMPARE(groups.message().isEmpty(), r && r->ok());
        QCOMPARE(code.code().isEmpty(), !r);
        if (error) {
            QVERIFY(histogram.message().contains(QStringLiteral("divisible")));
            QVERIFY(code.code().contains(QStringLiteral("# PyTorch refuses this:")));
            QVERIFY(groups.plottedMeans().empty());
        }
    }
}

void TestPlots::histogramCountsEveryValue()
{
    const Tensor<double> x = test::randomTensor<double>({4, 6, 5, 5}, 3, 5.0, 3.0);
    const ResultPtr snap = runEngine(specFor(NormKind::Batch), x);
    HistogramPlot plot;
    plot.setResult(snap);
    QCOMPARE(plot.inputHistogram().binned, x.numel());
    QCOMPARE(sum(plot.inputHistogram()), x.numel());
    QCOMPARE(plot.outputHistogram().binned, x.numel());
    QCOMPARE(sum(plot.outputHistogram()), x.numel());
    QVERIFY(plot.note().isEmpty());
    // The input histogram spans x's own min and max.
    const auto [lo, hi] = std::minmax_element(x.values().begin(), x.values().end());
    QCOMPARE(plot.inputHistogram().lo, *lo);
    QCOMPARE(plot.inputHistogram().hi, *hi);
    // Both outlines are drawn: up, two corners per bin, down; the heights are x's and y's counts
    // in the plot's number of bins over their own ranges, counted here.
    QCOMPARE(plot.plot()->plottableCount(), 2);
    auto* curve = qobject_cast<QCPCurve*>(plot.plot()->plottable(0));
    QVERIFY(curve);
    QCOMPARE(curve->dataCount(), 2 * plot.inputHistogram().binCount() + 2);
    QCOMPARE(curveHeights(curve), outlineOf(countsOf(x.values(), *lo, *hi, plot.inputHistogram().binCount())));
    QCOMPARE(curve->data()->at(1)->key, *lo);
    QVERIFY(std::abs(curve->data()->at(curve->dataCount() - 2)->key - *hi) <= 1e-12 * std::abs(*hi));
    const Tensor<double> y = snap->output.widened();
    const auto [ylo, yhi] = std::minmax_element(y.values().begin(), y.values().end());
    QCOMPARE(plot.outputHistogram().lo, *ylo);
    QCOMPARE(plot.outputHistogram().hi, *yhi);
    auto* outputCurve = qobject_cast<QCPCurve*>(plot.plot()->plottable(1));
    QVERIFY(outputCurve);
    QCOMPARE(curveHeights(outputCurve), outlineOf(countsOf(y.values(), *ylo, *yhi, plot.outputHistogram().binCount())));

    // An error keeps the input's histogram and drops the output's.
    plot.setResult(errorSnapshot());
    QCOMPARE(sum(plot.inputHistogram()), std::int64_t(2 * 6 * 3 * 3));
    QCOMPARE(plot.outputHistogram().binned, std::int64_t(0));
    plot.setResult(nullptr);
    QCOMPARE(plot.inputHistogram().binned, std::int64_t(0));
}

void TestPlots::histogramSubsamplesLargeInputs()
{
    // 2^21 + 3 values (a refused spec: only the input is binned) in runs of 64, one run in 3.
    const std::int64_t n = (std::int64_t(1) << 21) + 3;
    Tensor<double> x({1, 1, n});
    for (std::int64_t i = 0; i < n; ++i)
        x[i] = double(i % 1000);
    HistogramPlot plot;
    plot.setResult(buildErrorSnapshot(1, specFor(NormKind::Batch), x, "refused"));
    const Histogram& h = plot.inputHistogram();
    std::int64_t expectedRead = 0;
    for (std::int64_t start = 0; start < n; start += 3 * 64)
        expectedRead += std::min<std::int64_t>(64, n - start);
    QCOMPARE(h.stride, std::int64_t(3));
    QCOMPARE(h.read, expectedRead);
    QCOMPARE(h.binned, expectedRead);
    QCOMPARE(sum(h), h.binned);
    QVERIFY(h.binned <= (std::int64_t(1) << 20) + 64);
    QVERIFY(plot.note().contains(QStringLiteral("of 2,097,155 values")));
}

void TestPlots::groupStatsPlotShowsEngineStatistics()
{
    const Tensor<double> x = test::randomTensor<double>({4, 6, 5, 5}, 21, -2.0, 4.0);
    for (NormKind kind : kAllKinds) {
        const ResultPtr snap = runEngine(specFor(kind), x);
        GroupStatsPlot plot;
        plot.resize(640, 400); // group labels are used when they fit the width
        plot.setResult(snap);
        // As many groups as the norms' definitions make (not StatsLayout's count), each plotted at
        // its mean and variance computed here (RMSNorm's lower panel: its mean square).
        const auto groups = test::referenceGroups(snap->spec, x.shape());
        const auto groupCount = std::int64_t(groups.size());
        QCOMPARE(std::int64_t(plot.plottedMeans().size()), groupCount);
        QCOMPARE(std::int64_t(plot.plottedVars().size()), groupCount);
        QCOMPARE(plot.usesGroupLabels(), groupCount <= GroupStatsPlot::kMaxLabelledGroups);
        for (std::int64_t g = 0; g < groupCount; ++g) {
            const auto [mean, var] = test::groupMeanVar(snap->spec, x, groups[std::size_t(g)].front());
            QVERIFY(std::abs(plot.plottedVars()[std::size_t(g)] - var) <= 1e-12 * std::max(1.0, var));
            if (kind != NormKind::Rms)
                QVERIFY(std::abs(plot.plottedMeans()[std::size_t(g)] - mean) <= 1e-12 * std::max(1.0, std::abs(mean)));
        }
        // Bars (and running markers for BatchNorm) in both panels.
        QCOMPARE(plot.plot()->plottableCount(), snap->spec.hasRunningStats() ? 4 : 2);
        auto* bars = qobject_cast<QCPBars*>(plot.plot()->plottable(0));
        QVERIFY(bars);
        QCOMPARE(std::int64_t(bars->dataCount()), groupCount);
    }
}

void TestPlots::groupStatsPlotManyGroups()
{
    // LayerNorm over W of (8, 16, 16, 16): 2048 groups, drawn as a line with numeric ticks.
    NormSpec spec = specFor(NormKind::Layer);
    spec.normalized_shape = {16};
    const ResultPtr snap = runEngine(spec, test::randomTensor<float>({8, 16, 16, 16}, 2));
    GroupStatsPlot plot;
    plot.setResult(snap);
    QCOMPARE(plot.plottedMeans().size(), std::size_t(2048));
    QVERIFY(!plot.usesGroupLabels());
    auto* line = qobject_cast<QCPGraph*>(plot.plot()->plottable(0));
    QVERIFY(line);
    QCOMPARE(line->dataCount(), 2048);
}

void TestPlots::runningPlotHasOnePointPerHistoryEntry()
{
    NormSpec spec = specFor(NormKind::Batch);
    const Tensor<double> x = test::randomTensor<double>({4, 3, 2, 2}, 8, 3.0, 2.0);
    const ResultPtr snap = runSteps(spec, x, 5);
    RunningStatsPlot plot;
    plot.setResult(snap);
    QVERIFY(plot.message().isEmpty());
    QCOMPARE(plot.stepCount(), 6);
    QCOMPARE(plot.channelCount(), 3);
    QCOMPARE(plot.plot()->graphCount(), 2 * 3);
    for (int i = 0; i < plot.plot()->graphCount(); ++i)
        QCOMPARE(plot.plot()->graph(i)->dataCount(), 6);
    // Graphs alternate mean/var per channel; the values are the recorded buffers.
    for (int c = 0; c < 3; ++c) {
        QCPGraph* mean = plot.plot()->graph(2 * c);
        QCPGraph* var = plot.plot()->graph(2 * c + 1);
        QCOMPARE(mean->valueAxis()->axisRect(), plot.meanRect());
        QCOMPARE(var->valueAxis()->axisRect(), plot.varRect());
        for (int s = 0; s < 6; ++s) {
            QCOMPARE(mean->data()->at(s)->key, double(s));
            // The five committed states, then the displayed pass's buffers (the table's values).
            const bool last = s == 5;
            QCOMPARE(mean->data()->at(s)->value,
                     last ? snap->running_mean[c] : snap->running_mean_history[std::size_t(s)][c]);
            QCOMPARE(var->data()->at(s)->value,
                     last ? snap->running_var[c] : snap->running_var_history[std::size_t(s)][c]);
        }
    }
    // Step 0 is PyTorch's initial state.
    QCOMPARE(plot.plot()->graph(0)->data()->at(0)->value, 0.0);
    QCOMPARE(plot.plot()->graph(1)->data()->at(0)->value, 1.0);
}

void TestPlots::runningPlotSaysWhenNothingIsTracked()
{
    const Tensor<double> x = test::randomTensor<double>({4, 6, 5, 5}, 1);
    RunningStatsPlot plot;
    for (NormKind kind : {NormKind::Layer, NormKind::Group, NormKind::Rms, NormKind::Instance}) {
        plot.setResult(runEngine(specFor(kind), x));
        QVERIFY(plot.message().contains(QStringLiteral("keeps no running statistics")));
        QCOMPARE(plot.plot()->graphCount(), 0);
        QCOMPARE(plot.stepCount(), 0);
    }
    NormSpec untracked = specFor(NormKind::Batch);
    untracked.track_running_stats = false;
    plot.setResult(runEngine(untracked, x));
    QVERIFY(plot.message().contains(QStringLiteral("track_running_stats=False")));
    plot.setResult(nullptr);
    QVERIFY(!plot.message().isEmpty());
}

void TestPlots::plotsTakeResultAfterResult()
{
    // As in the window: shown plots get a stream of results whose legends grow and shrink.
    RunningStatsPlot running;
    GroupStatsPlot groups;
    HistogramPlot histogram;
    for (QWidget* w : std::initializer_list<QWidget*>{&running, &groups, &histogram}) {
        w->resize(420, 300);
        w->show();
    }
    const Tensor<double> three = test::randomTensor<double>({4, 3, 2, 2}, 8);
    const Tensor<double> six = test::randomTensor<double>({4, 6, 2, 2}, 9);
    const Tensor<double> twelve = test::randomTensor<double>({2, 12, 2, 2}, 10);
    NormSpec layerOverHW = specFor(NormKind::Layer);
    layerOverHW.normalized_shape = {2, 2};
    const std::vector<ResultPtr> results{runSteps(specFor(NormKind::Batch), three, 2),
                                         runSteps(specFor(NormKind::Batch), six, 3),
                                         runSteps(specFor(NormKind::Batch), three, 1),
                                         runEngine(layerOverHW, six),
                                         runSteps(specFor(NormKind::Batch), twelve, 1),
                                         errorSnapshot(),
                                         nullptr,
                                         runSteps(specFor(NormKind::Batch), six, 2)};
    for (const ResultPtr& r : results) {
        running.setResult(r);
        groups.setResult(r);
        histogram.setResult(r);
        for (int width : {330, 470, 640}) { // refits the legend: 6 entries in rows of 2 to 6
            running.resize(width, 300);
            QApplication::processEvents();
        }
        const int legendItems = running.plot()->legend->itemCount() - [&] {
            int empty = 0;
            for (int i = 0; i < running.plot()->legend->itemCount(); ++i)
                empty += running.plot()->legend->item(i) ? 0 : 1;
            return empty;
        }();
        // One legend entry per channel up to kMaxLegendChannels, none beyond.
        const int channels = running.channelCount();
        QCOMPARE(legendItems, channels <= RunningStatsPlot::kMaxLegendChannels ? channels : 0);
    }
    QCOMPARE(running.channelCount(), 6);
    QCOMPARE(running.stepCount(), 3); // before each of the two passes, and after the displayed one
}

void TestPlots::codePanelConstructors_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("float32");
    QTest::addColumn<QString>("expected");
    QTest::newRow("batch")
        << int(NormKind::Batch) << true
        << "bn = nn.BatchNorm2d(6, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)\n";
    QTest::newRow("instance")
        << int(NormKind::Instance) << true
        << "inorm = nn.InstanceNorm2d(6, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False)\n";
    QTest::newRow("group") << int(NormKind::Group) << true << "gn = nn.GroupNorm(2, 6, eps=1e-05, affine=True)\n";
    QTest::newRow("layer") << int(NormKind::Layer) << true
                           << "ln = nn.LayerNorm([5, 5], eps=1e-05, elementwise_affine=True)\n";
    QTest::newRow("rms") << int(NormKind::Rms) << true
                         << "rms = nn.RMSNorm([5, 5], eps=None, elementwise_affine=True)\n";
    QTest::newRow("batch f64")
        << int(NormKind::Batch) << false
        << "bn = nn.BatchNorm2d(6, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, "
           "dtype=torch.float64)\n";
}

void TestPlots::codePanelConstructors()
{
    QFETCH(int, kind);
    QFETCH(bool, float32);
    QFETCH(QString, expected);
    const Tensor<double> x = test::randomTensor<double>({4, 6, 5, 5}, 1);
    const ResultPtr snap =
        float32 ? runEngine(specFor(NormKind(kind)), x.cast<float>()) : runEngine(specFor(NormKind(kind)), x);
    PyTorchCodePanel panel;
    panel.setResult(snap);
    QVERIFY2(panel.code().contains(expected), qPrintable(panel.code()));
    QVERIFY(panel.code().contains(QStringLiteral("(x)  # x.shape == (4, 6, 5, 5)")));
    QVERIFY(panel.code().startsWith(QStringLiteral("import torch\nfrom torch import nn\n")));
    QCOMPARE(panel.code().contains(QStringLiteral("torch >= 2.4")), NormKind(kind) == NormKind::Rms);
    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(panel.findChild<QPushButton*>(QStringLiteral("copyButton")), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), panel.code());
}

void TestPlots::codePanelMentionsEvalStateAndErrors()
{
    NormSpec spec = specFor(NormKind::Batch);
    spec.mode = Mode::Eval;
    spec.momentum = std::nullopt;
    spec.eps = 1e-3;
    const Tensor<double> x = test::randomTensor<double>({2, 3, 4}, 1);
    NormState<double> state = NormState<double>::initial(spec, x.shape());
    state.running_mean = Tensor<double>({3}, std::vector<double>{0.5, -1, 2});
    state.weight = Tensor<double>({3}, std::vector<double>{1, 2, 0.25});
    ForwardResult<double> r;
    forward(spec, x, state, r);
    PyTorchCodePanel panel;
    panel.setResult(buildSnapshot(1, spec, x, r, state));
    const QString code = panel.code();
    QVERIFY2(code.contains(QStringLiteral("bn = nn.BatchNorm1d(3, eps=0.001, momentum=None, affine=True, "
                                          "track_running_stats=True, dtype=torch.float64)")),
             qPrintable(code));
    QVERIFY(code.contains(QStringLiteral("bn.eval()")));
    QVERIFY(code.contains(QStringLiteral("bn.weight.copy_(torch.tensor([1.0, 2.0, 0.25], dtype=torch.float64))")));
    QVERIFY(
        code.contains(QStringLiteral("bn.running_mean.copy_(torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64))")));
    QVERIFY(!code.contains(QStringLiteral("bn.bias.copy_")));        // still zeros
    QVERIFY(!code.contains(QStringLiteral("bn.running_var.copy_"))); // still ones

    panel.setResult(errorSnapshot());
    QVERIFY(panel.code().contains(QStringLiteral("#   num_channels must be divisible by num_groups")));
    QVERIFY(
        panel.code().contains(QStringLiteral("gn = nn.GroupNorm(4, 6, eps=1e-05, affine=True, dtype=torch.float64)")));
    panel.setResult(nullptr);
    QVERIFY(panel.code().isEmpty());
}

void TestPlots::codePanelLiteralsRoundTrip()
{
    // Every literal reads back bit for bit: tensor values in the tensor's dtype (a float32 0.3 is
    // 0.3, not 0.30000001192092896), eps and momentum as the Python floats the module keeps.
    NormSpec spec = specFor(NormKind::Batch);
    spec.mode = Mode::Eval;
    spec.eps = 0.1 + 0.2;
    spec.momentum = 0.3;
    const Tensor<double> x = test::randomTensor<double>({2, 3, 4}, 1);
    {
        NormState<float> state = NormState<float>::initial(spec, x.shape());
        state.weight = Tensor<float>({3}, std::vector<float>{0.3f, 1.0f / 3.0f, -0.1f});
        state.running_var = Tensor<float>({3}, std::vector<float>{1e-5f, 1e20f, 2.0f});
        const Tensor<float> xf = x.cast<float>();
        ForwardResult<float> r;
        forward(spec, xf, state, r);
        const QString code = PyTorchCodePanel::codeFor(*buildSnapshot(1, spec, xf, r, state)).text;
        QVERIFY2(code.contains(QStringLiteral("nn.BatchNorm1d(3, eps=0.30000000000000004, momentum=0.3, affine=True, "
                                              "track_running_stats=True)")),
                 qPrintable(code));
        QVERIFY(code.contains(QStringLiteral("bn.weight.copy_(torch.tensor([0.3, 0.33333334, -0.1]))")));
        QVERIFY(code.contains(QStringLiteral("bn.running_var.copy_(torch.tensor([1e-05, 1e+20, 2.0]))")));
        QVERIFY(code.contains(QStringLiteral("torch.sqrt(var.view(1, -1, 1) + 0.30000000000000004)")));
    }
    {
        NormState<double> state = NormState<double>::initial(spec, x.shape());
        state.weight = Tensor<double>({3}, std::vector<double>{0.1, 1.0 / 3.0, double(0.3f)});
        ForwardResult<double> r;
        forward(spec, x, state, r);
        const QString code = PyTorchCodePanel::codeFor(*buildSnapshot(1, spec, x, r, state)).text;
        QVERIFY2(code.contains(QStringLiteral("bn.weight.copy_(torch.tensor([0.1, 0.3333333333333333, "
                                              "0.30000001192092896], dtype=torch.float64))")),
                 qPrintable(code));
    }
}

void TestPlots::pythonFloatLikeRepr_data()
{
    // What Python 3's repr() prints for these doubles: the code panel writes its literals so.
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("repr");
    QTest::newRow("1e-5") << 1e-5 << "1e-05";
    QTest::newRow("1e-8") << 1e-8 << "1e-08";
    QTest::newRow("0.1") << 0.1 << "0.1";
    QTest::newRow("0.0001") << 0.0001 << "0.0001";
    QTest::newRow("0.00015") << 0.00015 << "0.00015";
    QTest::newRow("1.5e-05") << 1.5e-5 << "1.5e-05";
    QTest::newRow("10") << 10.0 << "10.0";
    QTest::newRow("100") << 100.0 << "100.0";
    QTest::newRow("2.5") << 2.5 << "2.5";
    QTest::newRow("-0.5") << -0.5 << "-0.5";
    QTest::newRow("1/3") << 1.0 / 3.0 << "0.3333333333333333";
    QTest::newRow("1e16") << 1e16 << "1e+16";
    QTest::newRow("123456789.125") << 123456789.125 << "123456789.125";
    QTest::newRow("1.2345e20") << 1.2345e20 << "1.2345e+20";
    QTest::newRow("0") << 0.0 << "0.0";
    QTest::newRow("1e-100") << 1e-100 << "1e-100";
}

void TestPlots::pythonFloatLikeRepr()
{
    QFETCH(double, value);
    QFETCH(QString, repr);
    QCOMPARE(pythonFloatText(value, DType::Float64), repr);
}

QTEST_MAIN(TestPlots)
#include "test_plots.moc"
