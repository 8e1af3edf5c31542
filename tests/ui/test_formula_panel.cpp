// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// One element's numbers (CellInfo) and the formula panel that substitutes them: the engine's
// statistics, checked against the definitions and against known running statistics.

#include "ui/document/cell_info.h"
#include "ui/panels/formula_panel.h"

#include "tests/ui/norm_snapshots.h"

#include <QtTest>

#include <cmath>

using namespace normscope;
using namespace normscope::test;
using normscope::ui::CellInfo;
using normscope::ui::formatNumber;
using normscope::ui::FormulaPanel;

namespace {

/// How the panel writes a number inside a formula: negative numbers in parentheses.
QString term(double v)
{
    return v < 0 ? QStringLiteral("(%1)").arg(formatNumber(v)) : formatNumber(v);
}

} // namespace

class TestFormulaPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void batchNormTraining()
    {
        const Shape shape{3, 4, 2, 3};
        const NormSpec spec = specFor(NormKind::Batch, shape);
        const Tensor<double> x = randomTensor<double>(shape, 7, 1.0, 3.0);
        // Distinct gamma and beta per channel so that a wrong parameter index shows.
        NormState<double> state = NormState<double>::initial(spec, shape);
        for (std::int64_t c = 0; c < 4; ++c) {
            state.weight[c] = 1.5 + c;
            state.bias[c] = -0.25 * (c + 1);
        }
        const ForwardResult<double> forwardResult = forward(spec, x, state);
        const auto result = ui::buildSnapshot(1, spec, x, forwardResult, state);

        const std::int64_t i = (2 * 4 + 3) * 6 + 4; // n=2, c=3, h=1, w=1
        const CellInfo info = CellInfo::from(result, i);
        QVERIFY(info.valid() && info.hasResult);
        QCOMPARE(info.index, QStringLiteral("n=2, c=3, h=1, w=1"));
        QCOMPARE(info.groupLabel, QStringLiteral("c=3"));
        QCOMPARE(info.groupSize, std::int64_t(3 * 2 * 3));
        const auto [mean, var] = groupMeanVar(spec, x, i);
        QVERIFY(std::abs(info.mean - mean) < 1e-12 * (1 + std::abs(mean)));
        QVERIFY(std::abs(info.var - var) < 1e-12 * (1 + var));
        QCOMPARE(*info.gamma, 4.5);
        QCOMPARE(*info.beta, -1.0);
        const double xhat = (x[i] - mean) / std::sqrt(var + 1e-5);
        QVERIFY(std::abs(info.xhat - xhat) < 1e-9);
        QVERIFY(std::abs(info.y - (xhat * 4.5 - 1.0)) < 1e-9);

        FormulaPanel panel;
        panel.setResult(result);
        QVERIFY(
            panel.text().contains(QStringLiteral("y = (x \u2212 mean) / \u221a(var + eps) \u00b7 \u03b3 + \u03b2")));
        QVERIFY(panel.text().contains(QStringLiteral("Hover a cell")));
        panel.setCell(i);
        const QString text = panel.text();
        QVERIFY2(text.contains(QStringLiteral("y = (%1 \u2212 %2) / \u221a(%3 + 1e-05) \u00b7 4.5 + (-1)")
                                   .arg(term(x[i]), term(info.mean), formatNumber(info.var))),
                 qPrintable(text));
        QVERIFY(text.contains(term(info.xhat) + QStringLiteral(" \u00b7 4.5 + (-1)")));
        QVERIFY(text.contains(QStringLiteral("= ") + formatNumber(info.y)));
        QVERIFY(text.contains(QStringLiteral("rstd = 1/\u221a(var + eps) = ") + formatNumber(info.rstd)));
        panel.setCell(-1);
        QVERIFY(!panel.text().contains(formatNumber(info.y)));
    }

    void evalModeUsesRunningStatistics()
    {
        // A fresh module in eval mode normalises with running_mean = 0 and running_var = 1.
        const Shape shape{2, 3, 4};
        NormSpec spec = specFor(NormKind::Batch, shape);
        spec.mode = Mode::Eval;
        const Tensor<double> x = randomTensor<double>(shape, 3, 5.0);
        const auto result = runEngine(spec, x);
        const std::int64_t i = 13; // n=1, c=0, l=1
        const CellInfo info = CellInfo::from(result, i);
        QVERIFY(info.runningStats);
        QCOMPARE(info.mean, 0.0);
        QCOMPARE(info.var, 1.0);
        QVERIFY(std::abs(info.y - x[i] / std::sqrt(1 + 1e-5)) < 1e-12);
        QCOMPARE(info.meanName(), QStringLiteral("running_mean"));
        FormulaPanel panel;
        panel.setResult(result);
        panel.setCell(i);
        QVERIFY(panel.text().contains(QStringLiteral("y = (x \u2212 running_mean) / \u221a(running_var + eps)")));
        QVERIFY(panel.text().contains(QStringLiteral("Eval mode")));
        QVERIFY(panel.text().contains(QStringLiteral("running_mean = 0, running_var = 1")));
        QVERIFY(info.toPlainText().contains(QStringLiteral("running_var: 1")));
    }

    void rmsNormHasNoMeanAndNoBeta()
    {
        const Shape shape{2, 3, 4};
        const NormSpec spec = specFor(NormKind::Rms, shape);
        const Tensor<double> x = randomTensor<double>(shape, 4);
        const auto result = runEngine(spec, x);
        const std::int64_t i = 17;
        const CellInfo info = CellInfo::from(result, i);
        QVERIFY(info.rms);
        QVERIFY(!info.beta.has_value());
        const auto [mean, meanSquare] = groupMeanVar(spec, x, i);
        Q_UNUSED(mean);
        QVERIFY(std::abs(info.var - meanSquare) < 1e-12 * (1 + meanSquare));
        QVERIFY(!info.toPlainText().contains(QStringLiteral("beta")));
        QVERIFY(info.toPlainText().contains(QStringLiteral("mean(x\u00b2): ") + formatNumber(info.var)));
        FormulaPanel panel;
        panel.setResult(result);
        panel.setCell(i);
        QVERIFY(panel.text().startsWith(QStringLiteral("y = x / \u221a(mean(x\u00b2) + eps) \u00b7 \u03b3\n")));
        QVERIFY(!panel.text().contains(QStringLiteral("\u03b2")));
        QVERIFY(panel.text().contains(formatNumber(info.y)));
    }

    void affineOffDropsGammaAndBeta()
    {
        const Shape shape{2, 3, 4};
        const NormSpec spec = specFor(NormKind::Instance, shape); // InstanceNorm: affine off by default
        QVERIFY(!spec.affine);
        const auto result = runEngine(spec, randomTensor<double>(shape, 5));
        const CellInfo info = CellInfo::from(result, 5);
        QVERIFY(!info.gamma && !info.beta);
        QVERIFY(info.toPlainText().contains(QStringLiteral("none (affine off)")));
        FormulaPanel panel;
        panel.setResult(result);
        panel.setCell(5);
        QVERIFY(panel.text().startsWith(QStringLiteral("y = (x \u2212 mean) / \u221a(var + eps)\n")));
        QCOMPARE(info.xhat, info.y);
    }

    void errorAndNull()
    {
        const Shape shape{2, 6, 3};
        const auto error = ui::buildErrorSnapshot(1, specFor(NormKind::Group, shape, 4), randomTensor<double>(shape, 1),
                                                  "num_groups (4) must divide num_channels (6)");
        FormulaPanel panel;
        panel.setResult(error);
        panel.setCell(3);
        QVERIFY(panel.text().contains(QStringLiteral("num_groups (4) must divide num_channels (6)")));
        const CellInfo info = CellInfo::from(error, 3);
        QVERIFY(info.valid() && !info.hasResult);
        QVERIFY(info.toPlainText().startsWith(QStringLiteral("index: (n=0, c=1, l=0)")));
        panel.setResult(nullptr);
        QVERIFY(panel.text().contains(QStringLiteral("No result")));
        QVERIFY(!CellInfo::from(nullptr, 0).valid());
        QVERIFY(!CellInfo::from(error, 36).valid());
    }

    void numberFormat()
    {
        QCOMPARE(formatNumber(0.0), QStringLiteral("0"));
        QCOMPARE(formatNumber(-0.0), QStringLiteral("0"));
        QCOMPARE(formatNumber(1e-5), QStringLiteral("1e-05"));
        QCOMPARE(formatNumber(-1.25), QStringLiteral("-1.25"));
        QCOMPARE(formatNumber(2.0 / 3.0), QStringLiteral("0.666667"));
        QCOMPARE(formatNumber(std::nan("")), QStringLiteral("nan"));
    }
};

QTEST_MAIN(TestFormulaPanel)
#include "test_formula_panel.moc"
