#include "engine/error.h"
#include "engine/forward.h"
#include "engine/input_generator.h"
#include "engine/npy.h"
#include "ui/session.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace normscope;
using namespace normscope::ui;

namespace {

/// The engine's output for this spec on the experiment's generated input, with a fresh state
/// (or the given one), computed here independently of the Session.
ForwardResult<float> engineForward(const Experiment& e, NormState<float>* stateInOut = nullptr)
{
    const Tensor<float> x = generateInput<float>(e.recipe, e.shape);
    NormState<float> state = stateInOut ? *stateInOut : NormState<float>::initial(e.spec, e.shape);
    ForwardResult<float> r = forward(e.spec, x, state);
    if (stateInOut)
        *stateInOut = state;
    return r;
}

void compareTensors(const Tensor<double>& shown, const Tensor<float>& expected)
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

class TestSession : public QObject {
    Q_OBJECT

private slots:
    void demoResultIsTheEngines()
    {
        Session session;
        const ResultPtr r = session.result();
        QVERIFY(r);
        QVERIFY(r->ok());
        const Experiment& e = session.experiment();
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
        Session session(small());
        const ResultPtr r = session.result();
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
        Session session(small());
        session.setEps(1e-3);
        session.setEps(1e-2);
        session.setMomentum(0.5);
        QCOMPARE(session.experiment().num_batches_tracked, std::int64_t(0));
        QVERIFY(session.experiment().running_mean.empty());
        // The snapshot shows the buffers as this pass leaves them, from the initial state each time.
        NormState<float> state = NormState<float>::initial(session.experiment().spec, session.experiment().shape);
        engineForward(session.experiment(), &state);
        compareTensors(session.result()->running_mean, state.running_mean);
        QCOMPARE(session.result()->num_batches_tracked, std::int64_t(1));
    }

    void stepCommitsRunningStats()
    {
        Session session(small());
        const Experiment before = session.experiment();
        session.step();
        QVERIFY(session.waitUntilIdle());
        const Experiment& e = session.experiment();
        QCOMPARE(e.num_batches_tracked, std::int64_t(1));
        NormState<float> state = NormState<float>::initial(before.spec, before.shape);
        engineForward(before, &state);
        QCOMPARE(e.running_mean.size(), std::size_t(4));
        for (std::size_t c = 0; c < 4; ++c) {
            QCOMPARE(e.running_mean[c], double(state.running_mean[std::int64_t(c)]));
            QCOMPARE(e.running_var[c], double(state.running_var[std::int64_t(c)]));
        }
        QCOMPARE(e.running_mean_history.size(), std::size_t(2));
        QCOMPARE(session.result()->running_mean_history.size(), std::size_t(2));
        QCOMPARE(session.result()->running_mean_history[0][0], 0.0);

        session.step();
        QVERIFY(session.waitUntilIdle());
        QCOMPARE(session.experiment().num_batches_tracked, std::int64_t(2));
        QCOMPARE(session.undoStack()->count(), 2);
        session.undoStack()->undo();
        session.undoStack()->undo();
        QVERIFY(session.experiment() == before);
        QCOMPARE(session.result()->running_mean_history.size(), std::size_t(0));
    }

    void stepInEvalStillTrains()
    {
        Experiment e = small();
        e.spec.mode = Mode::Eval;
        Session session(e);
        session.step();
        QVERIFY(session.waitUntilIdle());
        QCOMPARE(session.experiment().num_batches_tracked, std::int64_t(1));
        QCOMPARE(session.experiment().spec.mode, Mode::Eval);
        // Eval normalises with the running statistics now held by the module.
        const ResultPtr r = session.result();
        for (std::int64_t c = 0; c < 4; ++c)
            QCOMPARE(r->mean[c], double(float(session.experiment().running_mean[std::size_t(c)])));
    }

    void stepOnFreshBatchDrawsNextSeed()
    {
        Session session(small());
        const std::uint64_t seed = session.experiment().recipe.seed;
        session.step(true);
        QVERIFY(session.waitUntilIdle());
        QCOMPARE(session.experiment().recipe.seed, seed + 1);
        Experiment next = small();
        next.recipe.seed = seed + 1;
        NormState<float> state = NormState<float>::initial(next.spec, next.shape);
        engineForward(next, &state);
        QCOMPARE(session.experiment().running_mean[0], double(state.running_mean[0]));
    }

    void resetRunningStats()
    {
        Session session(small());
        session.step();
        session.step();
        QVERIFY(session.waitUntilIdle());
        session.resetRunningStats();
        QCOMPARE(session.experiment().num_batches_tracked, std::int64_t(0));
        QVERIFY(session.experiment().running_mean_history.empty());
        session.undoStack()->undo();
        QCOMPARE(session.experiment().num_batches_tracked, std::int64_t(2));
    }

    void undoRedoRestoresState()
    {
        Session session(small());
        const Experiment start = session.experiment();
        session.setNormKind(NormKind::Group);
        session.setNumGroups(4);
        session.setEps(0.5);
        session.setAffine(false);
        session.setShape({2, 8, 3, 3});
        const Experiment end = session.experiment();
        QCOMPARE(session.undoStack()->count(), 5);
        QCOMPARE(end.spec.num_groups, std::int64_t(4));   // still divides C = 8
        while (session.undoStack()->canUndo())
            session.undoStack()->undo();
        QVERIFY(session.experiment() == start);
        QCOMPARE(session.result()->spec.kind, NormKind::Batch);
        compareTensors(session.result()->output, engineForward(start).output);
        while (session.undoStack()->canRedo())
            session.undoStack()->redo();
        QVERIFY(session.experiment() == end);
        compareTensors(session.result()->output, engineForward(end).output);
    }

    void dragIsOneUndoStep()
    {
        Session session(small());
        for (double eps : {1e-4, 1e-3, 1e-2, 1e-1})
            session.setEps(eps, true);
        session.endMerge();
        QCOMPARE(session.undoStack()->count(), 1);
        QCOMPARE(*session.experiment().spec.eps, 1e-1);
        session.setEps(0.2, true);
        QCOMPARE(session.undoStack()->count(), 2);
        session.undoStack()->undo();
        session.undoStack()->undo();
        QCOMPARE(*session.experiment().spec.eps, 1e-5);
    }

    void unchangedEditIsNoStep()
    {
        Session session(small());
        session.setEps(1e-5);
        QCOMPARE(session.undoStack()->count(), 0);
    }

    void refusedSpecPublishesError()
    {
        Session session(small(NormKind::Group));   // C = 4
        session.setNumGroups(3);
        const ResultPtr r = session.result();
        QVERIFY(!r->ok());
        QVERIFY2(QString::fromStdString(r->error).contains(QStringLiteral("num_groups (3) must divide num_channels (4)")),
                 r->error.c_str());
        QCOMPARE(r->input.numel(), std::int64_t(72));
        session.step();   // refused too, reported, not a crash
        QVERIFY(session.waitUntilIdle());
        QCOMPARE(session.undoStack()->count(), 1);
        session.setNumGroups(2);
        QVERIFY(session.result()->ok());
    }

    void hugeShapeIsRefused()
    {
        Session session(small());
        QSignalSpy errors(&session, &Session::errorReported);
        session.setShape({256, 1024, 64, 64});
        QCOMPARE(errors.count(), 1);
        QVERIFY((session.experiment().shape == Shape{3, 4, 2, 3}));
        QCOMPARE(session.undoStack()->count(), 0);
    }

    void eps0IsRefused()
    {
        Session session(small());
        QSignalSpy spy(&session, &Session::resultChanged);
        session.setEps(0.0);
        QCOMPARE(spy.count(), 1);
        QVERIFY(QString::fromStdString(session.result()->error).contains(QStringLiteral("eps")));
    }

    void groupDefaultDividesC()
    {
        QCOMPARE(defaultGroupCount(6), std::int64_t(2));
        QCOMPARE(defaultGroupCount(64), std::int64_t(32));
        QCOMPARE(defaultGroupCount(32), std::int64_t(16));
        QCOMPARE(defaultGroupCount(1), std::int64_t(1));
        QCOMPARE(defaultGroupCount(7), std::int64_t(1));
        Session session(small(NormKind::Group));
        session.setShape({2, 10, 2, 2});
        QCOMPARE(session.experiment().spec.num_groups, std::int64_t(2));
        QVERIFY(session.result()->ok());
    }

    void layerNormalizedShapeFollowsShape()
    {
        Session session(small(NormKind::Layer));
        QVERIFY((session.experiment().spec.normalized_shape == Shape{4, 2, 3}));
        session.setNormalizedDims(1);
        QVERIFY((session.experiment().spec.normalized_shape == Shape{3}));
        session.setShape({2, 3, 4, 5});
        QVERIFY((session.experiment().spec.normalized_shape == Shape{5}));
        compareTensors(session.result()->output, engineForward(session.experiment()).output);
    }

    void affineEdits()
    {
        Session session(small());
        session.setWeight(2, 3.0);
        session.setBias(1, -1.5);
        const Experiment& e = session.experiment();
        QVERIFY((e.weight == std::vector<double>{1, 1, 3, 1}));
        QVERIFY((e.bias == std::vector<double>{0, -1.5, 0, 0}));
        NormState<float> state = NormState<float>::initial(e.spec, e.shape);
        state.weight[2] = 3.0f;
        state.bias[1] = -1.5f;
        compareTensors(session.result()->output, engineForward(e, &state).output);
        QCOMPARE(session.result()->weight[2], 3.0);

        session.randomizeAffine();
        QCOMPARE(session.experiment().weight.size(), std::size_t(4));
        QVERIFY(session.experiment().weight != (std::vector<double>{1, 1, 3, 1}));
        session.resetAffine();
        QVERIFY(session.experiment().weight.empty());
        QCOMPARE(session.result()->weight[2], 1.0);
    }

    void compareGivesFiveNorms()
    {
        Session session(small());
        QSignalSpy spy(&session, &Session::compareResultsChanged);
        session.setCompareEnabled(true);
        QVERIFY(session.waitUntilIdle());
        QCOMPARE(spy.count(), 1);
        const auto& results = session.compareResults();
        QCOMPARE(results.size(), std::size_t(5));
        const NormKind kinds[] = {NormKind::Batch, NormKind::Layer, NormKind::Instance, NormKind::Group, NormKind::Rms};
        for (std::size_t i = 0; i < 5; ++i) {
            QVERIFY(results[i]->ok());
            QCOMPARE(results[i]->spec.kind, kinds[i]);
            QVERIFY(results[i]->input.values() == session.result()->input.values());
        }
        QCOMPARE(results[3]->spec.num_groups, std::int64_t(2));          // C = 4: largest divisor < C
        QVERIFY((results[1]->spec.normalized_shape == Shape{4, 2, 3}));  // (C, H, W)
        QVERIFY((results[4]->spec.normalized_shape == Shape{4, 2, 3}));
        QCOMPARE(results[1]->layout->groupCount(), std::int64_t(3));     // one per sample
        Experiment groupNorm = small(NormKind::Group);
        compareTensors(results[3]->output, engineForward(groupNorm).output);

        session.setEps(1e-3);   // compare follows every change while shown
        QCOMPARE(spy.count(), 2);
        session.setCompareEnabled(false);
        session.setEps(1e-2);
        QCOMPARE(spy.count(), 2);
        QVERIFY(session.compareResults().empty());
    }

    void workerDropsObsoleteResults()
    {
        Experiment e = small();
        e.shape = {8, 16, 16, 16};
        Session session(e);
        session.setAsyncThreshold(0);   // every run on the worker
        std::vector<std::uint64_t> generations;
        bool staleShown = false;
        connect(&session, &Session::resultChanged, this, [&](const ResultPtr& r) {
            generations.push_back(r->generation);
            if (r->spec.eps != session.experiment().spec.eps)
                staleShown = true;
        });
        for (int i = 1; i <= 30; ++i)
            session.setEps(1e-5 * i);
        QVERIFY(session.isBusy());
        QVERIFY(session.waitUntilIdle());
        QVERIFY(!staleShown);
        QVERIFY(!generations.empty());
        QVERIFY(generations.size() < 30);
        QVERIFY(std::is_sorted(generations.begin(), generations.end()));
        QCOMPARE(*session.result()->spec.eps, 30e-5);
        compareTensors(session.result()->output, engineForward(session.experiment()).output);
    }

    void workerSteps()
    {
        Experiment e = small();
        Session session(e);
        session.setAsyncThreshold(0);
        session.step();
        session.step();
        session.step();
        QVERIFY(session.waitUntilIdle());
        QCOMPARE(session.experiment().num_batches_tracked, std::int64_t(3));
        QCOMPARE(session.undoStack()->count(), 3);
    }

    void loadNpy()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("x.npy"));
        Tensor<double> x({2, 3, 4}, std::vector<double>(24));
        for (std::int64_t i = 0; i < 24; ++i)
            x[i] = double(i % 5) - 1.0;
        writeNpy(path.toStdString(), x);

        Session session(small(NormKind::Layer));
        QVERIFY(session.loadNpy(path));
        const Experiment& e = session.experiment();
        QVERIFY(e.isLoaded());
        QVERIFY((e.shape == Shape{2, 3, 4}));
        QCOMPARE(e.dtype, DType::Float64);
        QVERIFY((e.spec.normalized_shape == Shape{3, 4}));
        QVERIFY(session.result()->ok());
        NormState<double> state = NormState<double>::initial(e.spec, e.shape);
        const ForwardResult<double> expected = forward(e.spec, x, state);
        QVERIFY(session.result()->output.values() == expected.output.values());

        QString error;
        QVERIFY(!session.loadNpy(dir.filePath(QStringLiteral("missing.npy")), &error));
        QVERIFY(error.contains(QStringLiteral("missing.npy")));
        QVERIFY(session.experiment().isLoaded());

        session.setDType(DType::Float32);   // the loaded values, cast
        QCOMPARE(session.result()->dtype, DType::Float32);
        session.useGenerator();
        QVERIFY(!session.experiment().isLoaded());
        session.undoStack()->undo();
        session.undoStack()->undo();
        QVERIFY(session.experiment().isLoaded());
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "test_session.moc"
