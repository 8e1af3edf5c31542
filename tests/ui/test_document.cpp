// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/core/error.h"
#include "engine/kernels/forward.h"
#include "engine/analysis/input_generator.h"
#include "engine/io/npy.h"
#include "tests/support/file_helpers.h"
#include "ui/document/document.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace normscope;
using namespace normscope::ui;

namespace {

/// The engine's output for this spec on the experiment's generated input, with a fresh state
/// (or the given one), computed here independently of the Document.
ForwardResult<float> engineForward(const Experiment& e, NormState<float>* stateInOut = nullptr)
{
    const Tensor<float> x = generateInput<float>(e.recipe, e.shape);
    NormState<float> state = stateInOut ? *stateInOut : NormState<float>::initial(e.spec, e.shape);
    ForwardResult<float> r = forward(e.spec, x, state);
    if (stateInOut)
        *stateInOut = state;
    return r;
}

/// shown: a Tensor<double> or a snapshot's ResultTensor.
template <typename Shown>
void compareTensors(const Shown& shown, const Tensor<float>& expected)
{
    QCOMPARE(shown.numel(), expected.numel());
    for (std::int64_t i = 0; i < shown.numel(); ++i)
        QCOMPARE(shown[i], static_cast<double>(expected[i]));
}

Experiment small(NormKind kind = NormKind::Batch)
{
    Experiment e = Experiment::demo();
    e.shape = {3, 4, 2, 3};
    e.spec = defaultSpecFor(kind, e.shape);
    return e;
}

} // namespace

class TestDocument : public QObject {
    Q_OBJECT

private slots:
    void demoResultIsTheEngines()
    {
        Document document;
        const ResultPtr r = document.result();
        QVERIFY(r);
        QVERIFY(r->ok());
        const Experiment& e = document.experiment();
        QCOMPARE(e.spec.kind, NormKind::Batch);
        QVERIFY((e.shape == Shape{4, 6, 5, 5}));
        const ForwardResult<float> expected = engineForward(e);
        compareTensors(r->output, expected.output);
        compareTensors(r->mean, expected.mean);
        compareTensors(r->var, expected.var);
    }

    void batchMeanIsPerChannelMean()
    {
        // Independent of the engine: the per-channel mean of the shown input by a plain loop.
        Document document(small());
        const ResultPtr r = document.result();
        const std::int64_t N = 3, C = 4, HW = 6;
        for (std::int64_t c = 0; c < C; ++c) {
            double sum = 0;
            for (std::int64_t n = 0; n < N; ++n)
                for (std::int64_t s = 0; s < HW; ++s)
                    sum += r->input[(n * C + c) * HW + s];
            QVERIFY(std::abs(r->mean[c] - sum / double(N * HW)) < 1e-5);
        }
    }

    void lookingDoesNotAdvanceRunningStats()
    {
        Document document(small());
        document.setEps(1e-3);
        document.setEps(1e-2);
        document.setMomentum(0.5);
        QCOMPARE(document.experiment().num_batches_tracked, std::int64_t(0));
        QVERIFY(document.experiment().running_mean.empty());
        // The snapshot shows the buffers as this pass leaves them, from the initial state each time.
        NormState<float> state = NormState<float>::initial(document.experiment().spec, document.experiment().shape);
        engineForward(document.experiment(), &state);
        compareTensors(document.result()->running_mean, state.running_mean);
        QCOMPARE(document.result()->num_batches_tracked, std::int64_t(1));
    }

    void stepCommitsRunningStats()
    {
        Document document(small());
        const Experiment before = document.experiment();
        document.step();
        QVERIFY(document.waitUntilIdle());
        const Experiment& e = document.experiment();
        QCOMPARE(e.num_batches_tracked, std::int64_t(1));
        NormState<float> state = NormState<float>::initial(before.spec, before.shape);
        engineForward(before, &state);
        QCOMPARE(e.running_mean.size(), std::size_t(4));
        for (std::size_t c = 0; c < 4; ++c) {
            QCOMPARE(e.running_mean[c], double(state.running_mean[std::int64_t(c)]));
            QCOMPARE(e.running_var[c], double(state.running_var[std::int64_t(c)]));
        }
        QCOMPARE(e.running_mean_history.size(), std::size_t(2));
        QCOMPARE(document.result()->running_mean_history.size(), std::size_t(2));
        QCOMPARE(document.result()->running_mean_history[0][0], 0.0);

        document.step();
        QVERIFY(document.waitUntilIdle());
        QCOMPARE(document.experiment().num_batches_tracked, std::int64_t(2));
        QCOMPARE(document.undoStack()->count(), 2);
        document.undoStack()->undo();
        document.undoStack()->undo();
        QVERIFY(document.experiment() == before);
        QCOMPARE(document.result()->running_mean_history.size(), std::size_t(0));
    }

    void stepInEvalStillTrains()
    {
        Experiment e = small();
        e.spec.mode = Mode::Eval;
        Document document(e);
        document.step();
        QVERIFY(document.waitUntilIdle());
        QCOMPARE(document.experiment().num_batches_tracked, std::int64_t(1));
        QCOMPARE(document.experiment().spec.mode, Mode::Eval);
        // Eval normalises with the running statistics now held by the module.
        const ResultPtr r = document.result();
        for (std::int64_t c = 0; c < 4; ++c)
            QCOMPARE(r->mean[c], double(float(document.experiment().running_mean[std::size_t(c)])));
    }

    void stepOnFreshBatchDrawsNextSeed()
    {
        Document document(small());
        const std::uint64_t seed = document.experiment().recipe.seed;
        document.step(true);
        QVERIFY(document.waitUntilIdle());
        QCOMPARE(document.experiment().recipe.seed, seed + 1);
        Experiment next = small();
        next.recipe.seed = seed + 1;
        NormState<float> state = NormState<float>::initial(next.spec, next.shape);
        engineForward(next, &state);
        QCOMPARE(document.experiment().running_mean[0], double(state.running_mean[0]));
    }

    void resetRunningStats()
    {
        Document document(small());
        document.step();
        document.step();
        QVERIFY(document.waitUntilIdle());
        document.resetRunningStats();
        QCOMPARE(document.experiment().num_batches_tracked, std::int64_t(0));
        QVERIFY(document.experiment().running_mean_history.empty());
        document.undoStack()->undo();
        QCOMPARE(document.experiment().num_batches_tracked, std::int64_t(2));
    }

    void undoRedoRestoresState()
    {
        Document document(small());
        const Experiment start = document.experiment();
        document.setNormKind(NormKind::Group);
        document.setNumGroups(4);
        document.setEps(0.5);
        document.setAffine(false);
        document.setShape({2, 8, 3, 3});
        const Experiment end = document.experiment();
        QCOMPARE(document.undoStack()->count(), 5);
        QCOMPARE(end.spec.num_groups, std::int64_t(4)); // still divides C = 8
        while (document.undoStack()->canUndo())
            document.undoStack()->undo();
        QVERIFY(document.experiment() == start);
        QCOMPARE(document.result()->spec.kind, NormKind::Batch);
        compareTensors(document.result()->output, engineForward(start).output);
        while (document.undoStack()->canRedo())
            document.undoStack()->redo();
        QVERIFY(document.experiment() == end);
        compareTensors(document.result()->output, engineForward(end).output);
    }

    void dragIsOneUndoStep()
    {
        Document document(small());
        for (double eps : {1e-4, 1e-3, 1e-2, 1e-1})
            document.setEps(eps, true);
        document.endMerge();
        QCOMPARE(document.undoStack()->count(), 1);
        QCOMPARE(*document.experiment().spec.eps, 1e-1);
        document.setEps(0.2, true);
        QCOMPARE(document.undoStack()->count(), 2);
        document.undoStack()->undo();
        document.undoStack()->undo();
        QCOMPARE(*document.experiment().spec.eps, 1e-5);
    }

    void unchangedEditIsNoStep()
    {
        Document document(small());
        document.setEps(1e-5);
        QCOMPARE(document.undoStack()->count(), 0);
    }

    void refusedSpecPublishesError()
    {
        Document document(small(NormKind::Group)); // C = 4
        document.setNumGroups(3);
        const ResultPtr r = document.result();
        QVERIFY(!r->ok());
        QVERIFY2(
            QString::fromStdString(r->error).contains(QStringLiteral("num_groups (3) must divide num_channels (4)")),
            r->error.c_str());
        QCOMPARE(r->input.numel(), std::int64_t(72));
        document.step(); // refused too, reported, not a crash
        QVERIFY(document.waitUntilIdle());
        QCOMPARE(document.undoStack()->count(), 1);
        document.setNumGroups(2);
        QVERIFY(document.result()->ok());
    }

    void hugeShapeIsRefused()
    {
        Document document(small());
        QSignalSpy errors(&document, &Document::errorReported);
        document.setShape({256, 1024, 64, 64});
        QCOMPARE(errors.count(), 1);
        QVERIFY((document.experiment().shape == Shape{3, 4, 2, 3}));
        QCOMPARE(document.undoStack()->count(), 0);
    }

    /// PyTorch takes eps = 0: the run is computed and carries the warning the banner shows.
    void eps0IsAcceptedWithAWarning()
    {
        Document document(small());
        QSignalSpy spy(&document, &Document::resultChanged);
        document.setEps(0.0);
        QCOMPARE(spy.count(), 1);
        QVERIFY2(document.result()->ok(), document.result()->error.c_str());
        QCOMPARE(*document.result()->spec.eps, 0.0);
        QCOMPARE(document.result()->warnings.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(document.result()->warnings[0].text).startsWith(QStringLiteral("eps = 0")));
        document.setEps(1e-5);
        QVERIFY(document.result()->warnings.empty());
    }

    void groupDefaultDividesC()
    {
        QCOMPARE(defaultGroupCount(6), std::int64_t(2));
        QCOMPARE(defaultGroupCount(64), std::int64_t(32));
        QCOMPARE(defaultGroupCount(32), std::int64_t(16));
        QCOMPARE(defaultGroupCount(1), std::int64_t(1));
        QCOMPARE(defaultGroupCount(7), std::int64_t(1));
        Document document(small(NormKind::Group));
        document.setShape({2, 10, 2, 2});
        QCOMPARE(document.experiment().spec.num_groups, std::int64_t(2));
        QVERIFY(document.result()->ok());
    }

    void layerNormalizedShapeFollowsShape()
    {
        Document document(small(NormKind::Layer));
        QVERIFY((document.experiment().spec.normalized_shape == Shape{4, 2, 3}));
        document.setNormalizedDims(1);
        QVERIFY((document.experiment().spec.normalized_shape == Shape{3}));
        document.setShape({2, 3, 4, 5});
        QVERIFY((document.experiment().spec.normalized_shape == Shape{5}));
        compareTensors(document.result()->output, engineForward(document.experiment()).output);
    }

    void affineEdits()
    {
        Document document(small());
        document.setWeight(2, 3.0);
        document.setBias(1, -1.5);
        const Experiment& e = document.experiment();
        QVERIFY((e.weight == std::vector<double>{1, 1, 3, 1}));
        QVERIFY((e.bias == std::vector<double>{0, -1.5, 0, 0}));
        NormState<float> state = NormState<float>::initial(e.spec, e.shape);
        state.weight[2] = 3.0f;
        state.bias[1] = -1.5f;
        compareTensors(document.result()->output, engineForward(e, &state).output);
        QCOMPARE(document.result()->weight[2], 3.0);

        document.randomizeAffine();
        QCOMPARE(document.experiment().weight.size(), std::size_t(4));
        QVERIFY(document.experiment().weight != (std::vector<double>{1, 1, 3, 1}));
        document.resetAffine();
        QVERIFY(document.experiment().weight.empty());
        QCOMPARE(document.result()->weight[2], 1.0);
    }

    void compareGivesFiveNorms()
    {
        Document document(small());
        QSignalSpy spy(&document, &Document::compareResultsChanged);
        document.setCompareEnabled(true);
        QVERIFY(document.waitUntilIdle());
        QCOMPARE(spy.count(), 1);
        const auto& results = document.compareResults();
        QCOMPARE(results.size(), std::size_t(5));
        const NormKind kinds[] = {NormKind::Batch, NormKind::Layer, NormKind::Instance, NormKind::Group, NormKind::Rms};
        for (std::size_t i = 0; i < 5; ++i) {
            QVERIFY(results[i]->ok());
            QCOMPARE(results[i]->spec.kind, kinds[i]);
            // One shared input, and no stored y: each column's y is read where it is drawn.
            QVERIFY(results[i]->input.tensor() == document.result()->input.tensor());
            QVERIFY(results[i]->output.empty());
        }
        QCOMPARE(results[3]->spec.num_groups, std::int64_t(2));         // C = 4: largest divisor < C
        QVERIFY((results[1]->spec.normalized_shape == Shape{4, 2, 3})); // (C, H, W)
        QVERIFY((results[4]->spec.normalized_shape == Shape{4, 2, 3}));
        QCOMPARE(results[1]->layout->groupCount(), std::int64_t(3)); // one per sample
        Experiment groupNorm = small(NormKind::Group);
        const Tensor<float> groupY = engineForward(groupNorm).output;
        QCOMPARE(numel(results[3]->shape), groupY.numel());
        for (std::int64_t i = 0; i < groupY.numel(); ++i)
            QCOMPARE(results[3]->outputAt(i), double(groupY[i]));

        document.setEps(1e-3); // compare follows every change while shown
        QCOMPARE(spy.count(), 2);
        document.setCompareEnabled(false);
        document.setEps(1e-2);
        QCOMPARE(spy.count(), 2);
        QVERIFY(document.compareResults().empty());
    }

    void workerDropsObsoleteResults()
    {
        Experiment e = small();
        e.shape = {8, 16, 16, 16};
        Document document(e);
        document.setAsyncThreshold(0); // every run on the worker
        std::vector<std::uint64_t> generations;
        bool staleShown = false;
        connect(&document, &Document::resultChanged, this, [&](const ResultPtr& r) {
            generations.push_back(r->generation);
            if (r->spec.eps != document.experiment().spec.eps)
                staleShown = true;
        });
        for (int i = 1; i <= 30; ++i)
            document.setEps(1e-5 * i);
        QVERIFY(document.isBusy());
        QVERIFY(document.waitUntilIdle());
        QVERIFY(!staleShown);
        QVERIFY(!generations.empty());
        QVERIFY(generations.size() < 30);
        QVERIFY(std::is_sorted(generations.begin(), generations.end()));
        QCOMPARE(*document.result()->spec.eps, 30e-5);
        compareTensors(document.result()->output, engineForward(document.experiment()).output);
    }

    void workerSteps()
    {
        Experiment e = small();
        Document document(e);
        document.setAsyncThreshold(0);
        document.step();
        document.step();
        document.step();
        QVERIFY(document.waitUntilIdle());
        QCOMPARE(document.experiment().num_batches_tracked, std::int64_t(3));
        QCOMPARE(document.undoStack()->count(), 3);
    }

    void loadNpy()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("x.npy"));
        const Tensor<double> x = test::writeRampNpy(path);

        Document document(small(NormKind::Layer));
        QVERIFY(document.loadNpy(path));
        const Experiment& e = document.experiment();
        QVERIFY(e.isLoaded());
        QVERIFY((e.shape == Shape{2, 3, 4}));
        QCOMPARE(e.dtype, DType::Float64);
        QVERIFY((e.spec.normalized_shape == Shape{3, 4}));
        QVERIFY(document.result()->ok());
        NormState<double> state = NormState<double>::initial(e.spec, e.shape);
        const ForwardResult<double> expected = forward(e.spec, x, state);
        QVERIFY(document.result()->output.widened().values() == expected.output.values());

        QString error;
        QVERIFY(!document.loadNpy(dir.filePath(QStringLiteral("missing.npy")), &error));
        QVERIFY(error.contains(QStringLiteral("missing.npy")));
        QVERIFY(document.experiment().isLoaded());

        document.setDType(DType::Float32); // the loaded values, cast
        QCOMPARE(document.result()->dtype, DType::Float32);
        document.useGenerator();
        QVERIFY(!document.experiment().isLoaded());
        document.undoStack()->undo();
        document.undoStack()->undo();
        QVERIFY(document.experiment().isLoaded());
    }
};

QTEST_GUILESS_MAIN(TestDocument)
#include "test_document.moc"
