// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The window's path around the engine: results share their input and keep its dtype, x-hat and y
// are read where they are shown (the engine's bits), input-sized buffers come back from the pool,
// what depends on x alone is computed once per input, and a cube that keeps its cells across an eps
// change still draws what the new result says.

#include "engine/analysis/input_generator.h"
#include "engine/kernels/backward.h"
#include "engine/kernels/forward.h"
#include "ui/cube/cube_view.h"
#include "ui/plots/group_stats_plot.h"
#include "ui/plots/running_stats_plot.h"
#include "ui/document/document.h"
#include "ui/document/experiment_command.h"
#include "ui/document/input_summary.h"
#include "ui/document/tensor_pool.h"
#include "ui/document/upstream_gradient.h"
#include "tests/ui/paint_counter.h"

#include <QSignalSpy>
#include <QtTest>

#include <qcustomplot.h>

#include <cmath>
#include <cstring>
#include <memory>

using namespace normscope;
using namespace normscope::ui;

namespace {

Experiment batchNorm(const Shape& shape)
{
    Experiment e = Experiment::demo();
    e.shape = shape;
    e.spec = defaultSpecFor(NormKind::Batch, shape);
    return e;
}

bool sameBits(double a, float b)
{
    const auto f = static_cast<float>(a);
    return std::memcmp(&f, &b, sizeof f) == 0 && static_cast<double>(f) == a;
}

} // namespace

class TestLivePath : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void resultsShareTheInputAndKeepItsDtype()
    {
        Document document(batchNorm({4, 6, 5, 5}));
        const ResultPtr before = document.result();
        document.setEps(1e-3);
        const ResultPtr r = document.result();
        QVERIFY(r != before && r->ok());
        // The eps change did not copy x: both results hold the input cache's tensor.
        QVERIFY(r->input.tensor() != nullptr);
        QVERIFY(r->input.tensor() == before->input.tensor());
        QCOMPARE(dtypeOf(*r->input.tensor()), DType::Float32);
        QCOMPARE(dtypeOf(*r->output.tensor()), DType::Float32);

        // x-hat and y, read element by element, are the engine's own float32 bits.
        const Tensor<float>& x = std::get<Tensor<float>>(*r->input.tensor());
        NormState<float> state = document.experiment().state<float>();
        ForwardResult<float> expected;
        forward(document.experiment().spec, x, state, expected);
        const Tensor<float> xhat = normalizedInput(document.experiment().spec, x, expected);
        for (std::int64_t i = 0; i < x.numel(); ++i) {
            QVERIFY2(sameBits(r->outputAt(i), expected.output[i]), qPrintable(QString::number(i)));
            QVERIFY2(sameBits(r->output[i], expected.output[i]), qPrintable(QString::number(i)));
            QVERIFY2(sameBits(r->normalizedAt(i), xhat[i]), qPrintable(QString::number(i)));
        }
    }

    // dL/dy is made once per gradient choice, shape and dtype, and shared by the main result and the
    // five compare columns: an eps drag with the gradient view on regenerated 6 million normals per
    // column and frame.
    void upstreamGradientIsMadeOncePerChoice()
    {
        Document document(batchNorm({4, 6, 5, 5}));
        document.setAsyncThreshold(0);
        document.edit(QStringLiteral("random dL/dy"), [](Experiment& e) {
            e.gradient.kind = GradKind::Random;
            e.gradient.seed = 3;
        });
        QVERIFY(document.waitUntilIdle());
        const ResultPtr first = document.result();
        QVERIFY(first->ok() && first->gradError.empty());
        document.setEps(1e-3);
        document.setCompareEnabled(true);
        QVERIFY(document.waitUntilIdle());
        const ResultPtr r = document.result();
        QVERIFY(r != first);
        QVERIFY(r->grad_output.tensor() != nullptr);
        QVERIFY(r->grad_output.tensor() == first->grad_output.tensor());
        QCOMPARE(document.compareResults().size(), std::size_t(5));
        for (const ResultPtr& column : document.compareResults())
            QVERIFY(column->grad_output.tensor() == r->grad_output.tensor());

        // It is the chosen gradient, and the backward pass ran on it.
        const Tensor<float> dy = upstreamGradient<float>(document.experiment().gradient, r->shape);
        const Tensor<float>& x = std::get<Tensor<float>>(*r->input.tensor());
        const BackwardResult<float> expected =
            backward(document.experiment().spec, x, document.experiment().state<float>(), dy);
        for (std::int64_t i = 0; i < dy.numel(); ++i) {
            QCOMPARE(r->grad_output[i], static_cast<double>(dy[i]));
            QCOMPARE(r->grad_input[i], static_cast<double>(expected.grad_input[i]));
        }

        // Another seed: another tensor.
        document.edit(QStringLiteral("seed"), [](Experiment& e) { e.gradient.seed = 4; });
        QVERIFY(document.waitUntilIdle());
        QVERIFY(document.result()->grad_output.tensor() != r->grad_output.tensor());
        const Tensor<float> other = upstreamGradient<float>(document.experiment().gradient, r->shape);
        QCOMPARE(document.result()->grad_output[5], static_cast<double>(other[5]));
        QVERIFY(other[5] != dy[5]);
    }

    void buffersComeBackFromThePool()
    {
        const auto pool = std::make_shared<TensorPool>();
        const Shape big{4, 64, 32, 32}; // 262144 elements, above kPooledElements
        Tensor<float> first = pool->take<float>(big);
        const float* address = first.data();
        std::shared_ptr<const AnyTensor> shown = pool->share(AnyTensor(std::move(first)));
        QCOMPARE(std::get<Tensor<float>>(*shown).data(), address);
        shown.reset(); // the last view lets go: the buffer is the pool's again
        Tensor<float> again = pool->take<float>(Shape{64, 4, 32, 32}); // same size, other shape
        QCOMPARE(again.data(), address);
        QVERIFY((again.shape() == Shape{64, 4, 32, 32}));

        // Another dtype does not take it; the pool keeps at most kKept.
        pool->give(AnyTensor(std::move(again)));
        Tensor<double> other = pool->take<double>(big);
        QVERIFY(static_cast<const void*>(other.data()) != static_cast<const void*>(address));
        QCOMPARE(pool->take<float>(big).data(), address);
        QCOMPARE(pool->keptCount(), std::size_t(0));
        for (std::size_t k = 0; k < TensorPool::kKept + 2; ++k)
            pool->give(AnyTensor(Tensor<float>(big)));
        QCOMPARE(pool->keptCount(), TensorPool::kKept);
        pool->give(AnyTensor(Tensor<float>(Shape{10, 10}))); // small: not worth keeping
        QCOMPARE(pool->keptCount(), TensorPool::kKept);
    }

    void whatDependsOnXAloneIsComputedOncePerInput()
    {
        auto x = std::make_shared<const AnyTensor>(Tensor<float>(Shape{3, 4}, 1.0f));
        int calls = 0;
        const auto count = [&calls] {
            ++calls;
            return 7;
        };
        QCOMPARE(*InputSummary::of<int>(x, "test-count", count), 7);
        QCOMPARE(*InputSummary::of<int>(x, "test-count", count), 7);
        QCOMPARE(calls, 1);
        InputSummary::of<int>(x, "test-other", count);
        QCOMPARE(calls, 2);
        auto y = std::make_shared<const AnyTensor>(Tensor<float>(Shape{3, 4}, 1.0f)); // equal values, another input
        InputSummary::of<int>(y, "test-count", count);
        QCOMPARE(calls, 3);
        // An entry dies with its input: a new tensor (even at the same address) is summarised anew.
        x.reset();
        auto z = std::make_shared<const AnyTensor>(Tensor<float>(Shape{3, 4}, 2.0f));
        InputSummary::of<int>(z, "test-count", count);
        QCOMPARE(calls, 4);
    }

    void cubeFollowsEpsWhateverItShows()
    {
        Document document(batchNorm({4, 6, 5, 5})); // every element is a drawn cell
        CubeView view;
        view.resize(700, 560);
        view.observe(&document);
        const auto largestAbsOutput = [&] {
            double m = 0;
            const ResultPtr r = document.result();
            for (std::int64_t i = 0; i < r->input.numel(); ++i)
                m = std::max(m, std::abs(r->outputAt(i)));
            return m;
        };
        // Showing x the cells stay as they are across eps; showing y they are sampled again.
        const double xUpper = view.colorMap().upper();
        document.setEps(0.5);
        QCOMPARE(view.colorMap().upper(), xUpper);
        view.setValueSource(CubeView::ValueSource::Output);
        QCOMPARE(view.colorMap().upper(), largestAbsOutput());
        const double yUpper = view.colorMap().upper();
        document.setEps(2.0); // y shrinks: the scale must follow
        QVERIFY(view.colorMap().upper() < yUpper);
        QCOMPARE(view.colorMap().upper(), largestAbsOutput());
        view.setValueSource(CubeView::ValueSource::Input);
        QCOMPARE(view.colorMap().upper(), xUpper);
    }

    // The cube is repainted only when its picture changes: not for an eps or momentum change showing
    // x (that repaint was half of the small cube's frame), but for one showing y and for another input.
    void cubeRepaintsOnlyWhenItsPictureChanges()
    {
        Document document(batchNorm({4, 6, 5, 5}));
        CubeView view;
        view.resize(700, 560);
        view.observe(&document);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTest::qWait(50);
        test::PaintCounter counter;
        view.installEventFilter(&counter);
        // Waits until the view has painted whatever it had to (a slow sanitizer build may take longer
        // than one wait), so that a count below holds only what the change itself caused.
        const auto settle = [&] {
            for (int tries = 0; tries < 20; ++tries) {
                counter.reset();
                QTest::qWait(100);
                if (counter.total() == 0)
                    return;
            }
        };
        const auto paintsAfter = [&](auto&& change) -> int {
            settle();
            counter.reset();
            change();
            if (!document.waitUntilIdle())
                return -1;     // never idle: fails every comparison below
            QTest::qWait(100); // the update requests
            return counter.total();
        };
        QCOMPARE(paintsAfter([&] { document.setEps(0.5); }), 0);
        QCOMPARE(paintsAfter([&] { document.setMomentum(0.3); }), 0);
        view.setValueSource(CubeView::ValueSource::Output);
        QVERIFY(paintsAfter([&] { document.setEps(2.0); }) > 0); // y moved
        view.setValueSource(CubeView::ValueSource::Input);
        QCOMPARE(paintsAfter([&] { document.setEps(0.2); }), 0);
        // A lit group's line names its mean and var, which eps does not move; another input does.
        view.selectCell(7);
        QCOMPARE(paintsAfter([&] { document.setEps(0.1); }), 0);
        QVERIFY(paintsAfter([&] {
                    InputRecipe recipe = document.experiment().recipe;
                    ++recipe.seed;
                    document.setRecipe(recipe);
                })
                > 0); // another x
    }

    void plotsReplotOnlyWhatChanged()
    {
        Document document(batchNorm({4, 6, 5, 5}));
        GroupStatsPlot groups;
        RunningStatsPlot running;
        groups.resize(500, 400);
        running.resize(500, 400);
        groups.observe(&document);
        running.observe(&document);
        groups.show();
        running.show();
        QVERIFY(QTest::qWaitForWindowExposed(&groups));
        QTest::qWait(50); // the first layout and replots
        QSignalSpy groupsReplots(groups.findChild<QCustomPlot*>(), &QCustomPlot::afterReplot);
        QSignalSpy runningReplots(running.findChild<QCustomPlot*>(), &QCustomPlot::afterReplot);
        const auto settle = [] {
            for (int i = 0; i < 5; ++i)
                QCoreApplication::processEvents();
        };
        // eps changes neither the batch statistics nor the running buffers (nor their texts).
        document.setEps(0.5);
        settle();
        QCOMPARE(groupsReplots.count(), 0);
        QCOMPARE(runningReplots.count(), 0);
        // momentum moves the buffers as this pass leaves them, which both plots show.
        document.setMomentum(0.5);
        settle();
        QVERIFY(groupsReplots.count() > 0);
        QVERIFY(runningReplots.count() > 0);
        // Another batch changes the batch statistics.
        const int groupsBefore = groupsReplots.count();
        InputRecipe recipe = document.experiment().recipe;
        recipe.seed += 1;
        document.setRecipe(recipe);
        settle();
        QVERIFY(groupsReplots.count() > groupsBefore);
        // The same result published again (a language switch) is always drawn anew.
        const int before = groupsReplots.count();
        document.republish();
        settle();
        QVERIFY(groupsReplots.count() > before);
    }

    void undoStepsHoldOnlyWhatChanged()
    {
        Experiment e = Experiment::demo();
        e.shape = {2, 8, 10, 10};
        e.spec = defaultSpecFor(NormKind::Layer, e.shape);
        e.spec.normalized_shape = {8, 10, 10}; // gamma and beta of 800 values each
        Document document(e);
        const Experiment fresh = document.experiment();
        document.randomizeAffine();
        const Experiment randomized = document.experiment();
        QVERIFY(randomized.weight != fresh.weight);
        for (int k = 1; k <= 10; ++k)
            document.setEps(1e-3 * k); // ten steps of their own
        for (int k = 1; k <= 4; ++k)
            document.setEps(0.1 * k, true); // one drag: one step
        document.endMerge();
        QUndoStack* stack = document.undoStack();
        QCOMPARE(stack->count(), 12);
        const auto held = [stack](int i) {
            return static_cast<const ExperimentCommand*>(stack->command(i))->heldValues();
        };
        QCOMPARE(randomized.weight.size(), std::size_t(800));
        // gamma and beta before (a fresh module may keep none: ones and zeros) and after
        QCOMPARE(held(0), fresh.weight.size() + fresh.bias.size() + 2 * std::size_t(800));
        for (int i = 1; i < stack->count(); ++i)
            QCOMPARE(held(i), std::size_t(0)); // eps alone: nothing large held

        // Undo and redo give back every state whole.
        stack->undo(); // the drag
        QCOMPARE(*document.experiment().spec.eps, 1e-2);
        for (int k = 0; k < 10; ++k)
            stack->undo();
        QCOMPARE(document.experiment().spec.eps, randomized.spec.eps);
        QVERIFY(document.experiment().weight == randomized.weight);
        QVERIFY(document.experiment().bias == randomized.bias);
        stack->undo();
        QVERIFY(document.experiment().weight == fresh.weight);
        QVERIFY(document.experiment().bias == fresh.bias);
        while (stack->canRedo())
            stack->redo();
        QCOMPARE(*document.experiment().spec.eps, 0.4);
        QVERIFY(document.experiment().weight == randomized.weight);
        QVERIFY(document.experiment().bias == randomized.bias);
    }
};

QTEST_MAIN(TestLivePath)
#include "test_live_path.moc"
