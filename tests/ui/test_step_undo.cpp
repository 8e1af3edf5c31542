// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/analysis/input_generator.h"
#include "engine/kernels/forward.h"
#include "ui/document/document.h"
#include "ui/document/experiment_command.h"
#include "ui/document/step_command.h"

#include <QtTest>

#include <vector>

using namespace normscope;
using namespace normscope::ui;

namespace {

constexpr std::size_t C = 5;

Experiment small()
{
    Experiment e = Experiment::demo();
    e.shape = {3, static_cast<std::int64_t>(C), 2, 3};
    e.spec = defaultSpecFor(NormKind::Batch, e.shape);
    return e;
}

void stepOnce(Document& document, bool fresh)
{
    document.step(fresh);
    QVERIFY(document.waitUntilIdle());
}

} // namespace

/// A Step is an undo step that keeps what the step changed, not two copies of the whole experiment
/// (whose history grows with every step: 10,000 steps kept more than 11 GB).
class TestStepUndo : public QObject {
    Q_OBJECT

private slots:
    void hundredStepsUndoExactly()
    {
        Document document(small());
        std::vector<Experiment> states{document.experiment()};
        for (int i = 0; i < 100; ++i) {
            stepOnce(document, i % 3 == 2); // every third on a fresh batch: the seed moves too
            states.push_back(document.experiment());
        }
        QCOMPARE(document.experiment().num_batches_tracked, std::int64_t(100));
        QCOMPARE(document.experiment().running_mean_history.size(), std::size_t(101));
        QCOMPARE(document.undoStack()->count(), 100);

        // Each command holds the buffers before and after (4 C doubles) and the history entries it
        // appended (2 C), whatever the history's length. The first step has no buffers before (empty:
        // PyTorch's initial zeros and ones) and appends the initial entry too: 2 C + 4 C.
        for (int i = 0; i < 100; ++i) {
            const auto* command = dynamic_cast<const StepCommand*>(document.undoStack()->command(i));
            QVERIFY(command);
            QCOMPARE(command->storedBytes(), 6 * C * sizeof(double));
        }

        for (int i = 100; i-- > 0;) {
            document.undoStack()->undo();
            QVERIFY2(document.experiment() == states[static_cast<std::size_t>(i)], qPrintable(QString::number(i)));
        }
        QVERIFY(document.experiment() == states.front());
        QCOMPARE(document.result()->running_mean_history.size(), std::size_t(0));
        for (int i = 1; i <= 100; ++i) {
            document.undoStack()->redo();
            QVERIFY(document.experiment() == states[static_cast<std::size_t>(i)]);
        }
        // The published result is that of the restored state: the 100th step's buffers.
        QCOMPARE(document.result()->running_mean_history.size(), std::size_t(101));
        for (std::size_t c = 0; c < C; ++c)
            QCOMPARE(document.result()->running_mean_history.back()[static_cast<std::int64_t>(c)],
                     states.back().running_mean[c]);
    }

    void stepsBetweenEditsUndoInOrder()
    {
        Document document(small());
        const Experiment start = document.experiment();
        stepOnce(document, false);
        const Experiment afterStep = document.experiment();
        document.setMomentum(0.5);
        stepOnce(document, false);
        QCOMPARE(document.undoStack()->count(), 3);
        // running_mean after the second step: 0.5 * previous + 0.5 * batch mean, computed here.
        NormState<float> state = afterStep.state<float>();
        NormSpec spec = afterStep.spec;
        spec.momentum = 0.5;
        forward(spec, generateInput<float>(afterStep.recipe, afterStep.shape), state);
        QCOMPARE(document.experiment().running_mean[2], double(state.running_mean[2]));
        document.undoStack()->undo();
        QVERIFY(document.experiment().running_mean == afterStep.running_mean);
        QCOMPARE(*document.experiment().spec.momentum, 0.5);
        document.undoStack()->undo();
        QVERIFY(document.experiment() == afterStep);
        document.undoStack()->undo();
        QVERIFY(document.experiment() == start);
    }

    void describesOnlyWhatAStepChanges()
    {
        Experiment before = small();
        Experiment after = before;
        after.running_mean.assign(C, 0.5);
        after.running_var.assign(C, 2.0);
        after.num_batches_tracked = 1;
        after.running_mean_history = {std::vector<double>(C, 0.0), after.running_mean};
        after.running_var_history = {std::vector<double>(C, 1.0), after.running_var};
        after.recipe.seed += 1;
        QVERIFY(StepCommand::describes(before, after));
        Experiment other = after;
        other.spec.momentum = 0.3; // anything else: not a step's change
        QVERIFY(!StepCommand::describes(before, other));
        Experiment rewritten = after;
        before.running_mean_history = {std::vector<double>(C, 9.0)};
        before.running_var_history = {std::vector<double>(C, 9.0)};
        QVERIFY(!StepCommand::describes(before, rewritten)); // a history that does not extend the old one
    }
};

QTEST_MAIN(TestStepUndo)
#include "test_step_undo.moc"
