// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// backward() refuses what does not belong to the pass: saved statistics of another input, and a
// grad_output of another shape, with messages that name both shapes.

#include "engine/core/error.h"
#include "engine/kernels/backward.h"
#include "engine/kernels/forward.h"

#include <QTest>

using namespace normscope;

class TestBackwardRefusals : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void refusesSavedStatisticsOfAnotherInput()
    {
        NormSpec spec = NormSpec::defaults(NormKind::Group);
        spec.num_groups = 2;
        const Tensor<float> x({2, 4, 3}, 1.0f);
        const Tensor<float> other({3, 4, 3}, 1.0f);
        NormState<float> state = NormState<float>::initial(spec, x.shape());
        const ForwardResult<float> saved = forward(spec, other, state); // 3 * 2 groups, x has 2 * 2
        BackwardResult<float> r;
        try {
            backward(spec, x, state, x, saved, r);
            QFAIL("statistics of another input were accepted");
        } catch (const Error& e) {
            const QString message = e.what();
            QVERIFY2(message.contains("6 groups") && message.contains("(2, 4, 3)") && message.contains("has 4"),
                     qPrintable(message));
        }
    }

    void refusesGradOutputOfAnotherShape()
    {
        const NormSpec spec = NormSpec::defaults(NormKind::Batch);
        const Tensor<double> x({2, 3, 4}, 1.0);
        const Tensor<double> dy({2, 3, 5}, 1.0);
        try {
            backward(spec, x, NormState<double>::initial(spec, x.shape()), dy);
            QFAIL("a grad_output of another shape was accepted");
        } catch (const Error& e) {
            const QString message = e.what();
            QVERIFY2(message.contains("(2, 3, 5)") && message.contains("(2, 3, 4)"), qPrintable(message));
        }
    }
};

QTEST_GUILESS_MAIN(TestBackwardRefusals)
#include "test_backward_refusals.moc"
