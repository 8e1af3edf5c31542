// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/kernels/forward.h"
#include "engine/analysis/input_generator.h"
#include "ui/actions.h"
#include "ui/panels/controls_panel.h"
#include "ui/panels/gamma_beta_editor.h"
#include "ui/document/app_options.h"
#include "ui/document/document.h"

#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QSpinBox>
#include <QTableWidget>
#include <QWheelEvent>
#include "tests/support/reference_groups.h"
#include "tests/ui/paint_counter.h"

#include <QtTest>

#include <cmath>

using namespace normscope;
using namespace normscope::ui;

namespace {

Experiment small()
{
    Experiment e = Experiment::demo();
    e.shape = {3, 6, 2, 3};
    e.spec = defaultSpecFor(NormKind::Batch, e.shape);
    return e;
}

/// The engine's output for the Document's current experiment, computed here from the recipe.
Tensor<float> engineOutput(const Experiment& e)
{
    const Tensor<float> x = generateInput<float>(e.recipe, e.shape);
    NormState<float> state = e.state<float>();
    return forward(e.spec, x, state).output;
}

/// The numbers the window shows (the published snapshot) equal a fresh engine run.
void checkShownMatchesEngine(const Document& document)
{
    const ResultPtr r = document.result();
    QVERIFY(r && r->ok());
    const Tensor<float> expected = engineOutput(document.experiment());
    QCOMPARE(r->output.numel(), expected.numel());
    for (std::int64_t i = 0; i < expected.numel(); ++i)
        QCOMPARE(r->output[i], double(expected[i]));
}

std::vector<qlonglong> comboValues(const QComboBox* combo)
{
    std::vector<qlonglong> out;
    for (int i = 0; i < combo->count(); ++i)
        out.push_back(combo->itemData(i).toLongLong());
    return out;
}

/// The panel's buttons show the window's registered actions (ui/actions.h); bind them as the window does.
ControlsPanel::Commands commandsOf(const Actions& actions)
{
    ControlsPanel::Commands c;
    c.load = actions.open();
    c.useGenerator = actions.useGenerator();
    c.step = actions.step();
    c.stepFresh = actions.stepFresh();
    c.resetRunning = actions.resetRunning();
    return c;
}

/// One wheel notch (angle 120 per notch) over the middle of widget, as the mouse sends it.
void wheel(QWidget* widget, int angle)
{
    const QPointF at(widget->width() / 2.0, widget->height() / 2.0);
    QWheelEvent event(at, widget->mapToGlobal(at), QPoint(), QPoint(0, angle), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(widget, &event);
}

void activate(QComboBox* combo, int index)
{
    combo->setCurrentIndex(index);
    Q_EMIT combo->activated(index);
}

} // namespace

class TestControls : public QObject {
    Q_OBJECT

private slots:
    void normComboChangesKind_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("kind");
        QTest::newRow("layer") << 1 << int(NormKind::Layer);
        QTest::newRow("instance") << 2 << int(NormKind::Instance);
        QTest::newRow("group") << 3 << int(NormKind::Group);
        QTest::newRow("rms") << 4 << int(NormKind::Rms);
    }
    void normComboChangesKind()
    {
        QFETCH(int, index);
        QFETCH(int, kind);
        Document document(small());
        ControlsPanel panel(&document);
        activate(panel.normCombo(), index);
        QCOMPARE(int(document.experiment().spec.kind), kind);
        QCOMPARE(document.result()->spec.kind, NormKind(kind));
        checkShownMatchesEngine(document);
        QCOMPARE(panel.groupsCombo()->isEnabled(), NormKind(kind) == NormKind::Group);
        QCOMPARE(panel.normalizedCombo()->isEnabled(),
                 NormKind(kind) == NormKind::Layer || NormKind(kind) == NormKind::Rms);
        document.undoStack()->undo();
        QCOMPARE(panel.normCombo()->currentIndex(), 0); // undo moves the widget too
    }

    void groupsOfferOnlyDivisors()
    {
        Document document(small());
        ControlsPanel panel(&document);
        QVERIFY((comboValues(panel.groupsCombo()) == std::vector<qlonglong>{1, 2, 3, 6}));
        panel.dimSpin(1)->setValue(12);
        QVERIFY((document.experiment().shape == Shape{3, 12, 2, 3}));
        QVERIFY((comboValues(panel.groupsCombo()) == std::vector<qlonglong>{1, 2, 3, 4, 6, 12}));
        panel.dimSpin(1)->setValue(7);
        QVERIFY((comboValues(panel.groupsCombo()) == std::vector<qlonglong>{1, 7}));

        activate(panel.normCombo(), 3);
        const int index = panel.groupsCombo()->findData(QVariant::fromValue<qlonglong>(7));
        activate(panel.groupsCombo(), index);
        QCOMPARE(document.experiment().spec.num_groups, std::int64_t(7));
        checkShownMatchesEngine(document);
    }

    void epsSlider()
    {
        Document document(small());
        ControlsPanel panel(&document);
        QSlider* slider = panel.epsSlider();
        QCOMPARE(slider->maximum(), 27);
        QCOMPARE(slider->value(), 9); // 1e-5: 1e-8, 2e-8, 5e-8, 1e-7, ..., 1e-5
        slider->setValue(24);         // 1e-8 * 10^8
        QCOMPARE(*document.experiment().spec.eps, 1.0);
        QCOMPARE(panel.epsEdit()->text(), QStringLiteral("1"));
        checkShownMatchesEngine(document);
        QCOMPARE(document.undoStack()->count(), 1);

        // A drag: many values, one undo step.
        slider->setSliderDown(true);
        for (int p = 23; p >= 16; --p)
            slider->setValue(p);
        slider->setSliderDown(false);
        QCOMPARE(document.undoStack()->count(), 2);
        QCOMPARE(*document.experiment().spec.eps, 0.002);
        document.undoStack()->undo();
        QCOMPARE(*document.experiment().spec.eps, 1.0);
        QCOMPARE(slider->value(), 24);
    }

    // The panel shows the document after every edit; an eps drag must not repaint (or re-measure)
    // the controls whose values did not change: those repaints were most of a small tensor's frame.
    void anEpsChangeRepaintsNoOtherControl()
    {
        Document document(small());
        ControlsPanel panel(&document);
        panel.resize(400, 1400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTest::qWait(50);
        test::PaintCounter counter;
        QList<QWidget*> unchanged;
        for (QAbstractSpinBox* spin : panel.findChildren<QAbstractSpinBox*>())
            if (spin->isVisible())
                unchanged << spin;
        for (QComboBox* combo : panel.findChildren<QComboBox*>())
            if (combo->isVisible())
                unchanged << combo;
        QVERIFY(unchanged.size() >= 8); // N C H W, mean std offset seed, momentum; norm, mode, ...
        for (QWidget* w : unchanged)
            w->installEventFilter(&counter);
        panel.epsSlider()->setValue(panel.epsSlider()->value() + 3);
        QVERIFY(document.waitUntilIdle());
        QTest::qWait(50);
        QCOMPARE(*document.experiment().spec.eps, 1e-4);
        for (QWidget* w : unchanged)
            QVERIFY2(counter.paints[w] == 0,
                     qPrintable(w->objectName() + QLatin1Char(' ') + QLatin1String(w->metaObject()->className())));
        // The control that did change still shows its new value.
        QCOMPARE(panel.epsEdit()->text(), QStringLiteral("0.0001"));
    }

    void epsSliderSnapsToOneTwoFive_data()
    {
        QTest::addColumn<int>("position");
        QTest::addColumn<double>("eps");
        QTest::addColumn<QString>("text");
        QTest::newRow("1e-8") << 0 << 1e-8 << QStringLiteral("1e-08");
        QTest::newRow("2e-8") << 1 << 2e-8 << QStringLiteral("2e-08");
        QTest::newRow("5e-8") << 2 << 5e-8 << QStringLiteral("5e-08");
        QTest::newRow("1e-7") << 3 << 1e-7 << QStringLiteral("1e-07");
        QTest::newRow("1e-5") << 9 << 1e-5 << QStringLiteral("1e-05");
        QTest::newRow("5e-4") << 14 << 5e-4 << QStringLiteral("0.0005");
        QTest::newRow("0.2") << 22 << 0.2 << QStringLiteral("0.2");
        QTest::newRow("5") << 26 << 5.0 << QStringLiteral("5");
        QTest::newRow("10") << 27 << 10.0 << QStringLiteral("10");
    }
    void epsSliderSnapsToOneTwoFive()
    {
        QFETCH(int, position);
        QFETCH(double, eps);
        QFETCH(QString, text);
        QCOMPARE(ControlsPanel::epsFromSlider(position), eps); // the very double the literal is
        QCOMPARE(ControlsPanel::sliderFromEps(eps), position);
        Document document(small());
        ControlsPanel panel(&document);
        panel.epsSlider()->setValue(position == 9 ? 10 : position); // 9 is the start: move first
        panel.epsSlider()->setValue(position);
        QCOMPARE(*document.experiment().spec.eps, eps);
        QCOMPARE(panel.epsEdit()->text(), text);
    }

    void epsSliderNearestPosition()
    {
        QCOMPARE(ControlsPanel::sliderFromEps(0.0025), 16); // log-nearest of 2e-3 and 5e-3
        QCOMPARE(ControlsPanel::sliderFromEps(0.004), 17);  // 5e-3
        QCOMPARE(ControlsPanel::sliderFromEps(1e-12), 0);   // below the range: its end
        QCOMPARE(ControlsPanel::sliderFromEps(1e3), 27);
        QCOMPARE(ControlsPanel::sliderFromEps(0.0), 0); // eps 0 and negative: the low end
        QCOMPARE(ControlsPanel::sliderFromEps(-1e-3), 0);
    }

    void epsExactEntry()
    {
        Document document(small());
        ControlsPanel panel(&document);
        panel.epsEdit()->setText(QStringLiteral("2.50e-3"));
        Q_EMIT panel.epsEdit()->editingFinished();
        QCOMPARE(*document.experiment().spec.eps, 2.5e-3);
        QCOMPARE(panel.epsEdit()->text(), QStringLiteral("0.0025")); // the eps in use, not the typing
        QCOMPARE(panel.epsSlider()->value(), ControlsPanel::sliderFromEps(2.5e-3));
        checkShownMatchesEngine(document);
        panel.epsEdit()->setText(QStringLiteral("abc"));
        Q_EMIT panel.epsEdit()->editingFinished();
        QCOMPARE(*document.experiment().spec.eps, 2.5e-3);
        QCOMPARE(panel.epsEdit()->text(), QStringLiteral("0.0025"));
    }

    void epsFieldHoldsTheExactEps()
    {
        // The field shows the eps itself, so confirming the shown text changes nothing; ten digits
        // used to set 0.01258925412 and add an undo step.
        Document document(small());
        ControlsPanel panel(&document);
        panel.epsEdit()->setText(QStringLiteral("0.012589254117941661"));
        Q_EMIT panel.epsEdit()->editingFinished();
        const double eps = *document.experiment().spec.eps;
        QCOMPARE(eps, 0.012589254117941661);
        QCOMPARE(panel.epsEdit()->text(), QStringLiteral("0.012589254117941661"));
        const int steps = document.undoStack()->count();
        Q_EMIT panel.epsEdit()->editingFinished();
        QCOMPARE(document.undoStack()->count(), steps);
        QCOMPARE(*document.experiment().spec.eps, eps);
    }

    void epsZeroAndNegativeReachTheDocument_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<double>("eps");
        QTest::addColumn<QString>("shown");
        QTest::newRow("0") << QStringLiteral("0") << 0.0 << QStringLiteral("0");
        QTest::newRow("-0.001") << QStringLiteral("-1e-3") << -0.001 << QStringLiteral("-0.001");
        QTest::newRow("-2") << QStringLiteral(" -2 ") << -2.0 << QStringLiteral("-2");
    }
    void epsZeroAndNegativeReachTheDocument()
    {
        // PyTorch takes them; whether the engine computes with them is the engine's word, not the field's.
        QFETCH(QString, typed);
        QFETCH(double, eps);
        QFETCH(QString, shown);
        Document document(small());
        ControlsPanel panel(&document);
        panel.epsEdit()->setText(typed);
        Q_EMIT panel.epsEdit()->editingFinished();
        QVERIFY(document.experiment().spec.eps.has_value());
        QCOMPARE(*document.experiment().spec.eps, eps);
        QCOMPARE(panel.epsEdit()->text(), shown);
        QCOMPARE(document.undoStack()->count(), 1);
        document.undoStack()->undo(); // undo shows the value in use again
        QCOMPARE(panel.epsEdit()->text(), QStringLiteral("1e-05"));
    }

    void epsNotANumberIsRefusedWithAMessage()
    {
        Document document(small());
        ControlsPanel panel(&document);
        auto* message = panel.findChild<QLabel*>(QStringLiteral("epsMessage"));
        QVERIFY(message && message->isHidden());
        for (const char* typed : {"nan", "inf", "1e999", "1e-"}) {
            panel.epsEdit()->setText(QString::fromLatin1(typed));
            Q_EMIT panel.epsEdit()->editingFinished();
            QCOMPARE(*document.experiment().spec.eps, 1e-5);
            QCOMPARE(panel.epsEdit()->text(), QStringLiteral("1e-05"));
            QVERIFY(!message->isHidden());
            QVERIFY(message->text().contains(QString::fromLatin1(typed)));
        }
        QCOMPARE(document.undoStack()->count(), 0);
        panel.epsEdit()->setText(QStringLiteral("0.5"));
        Q_EMIT panel.epsEdit()->editingFinished();
        QVERIFY(message->isHidden());
    }

    void epsNoneForRms()
    {
        Document document(small());
        ControlsPanel panel(&document);
        QVERIFY(panel.epsNoneCheck()->isHidden());
        activate(panel.normCombo(), 4);
        QVERIFY(!panel.epsNoneCheck()->isHidden());
        QVERIFY(panel.epsNoneCheck()->isChecked()); // RMSNorm's default eps=None
        QVERIFY(!document.experiment().spec.eps);
        panel.epsNoneCheck()->click();
        QCOMPARE(*document.experiment().spec.eps, 1e-5);
        checkShownMatchesEngine(document);
    }

    void affineAndGammaBeta()
    {
        Document document(small());
        ControlsPanel panel(&document);
        QTableWidget* table = panel.gammaBetaEditor()->table();
        QCOMPARE(table->rowCount(), 6);
        table->item(2, 0)->setText(QStringLiteral("2.5"));
        table->item(4, 1)->setText(QStringLiteral("-1"));
        QCOMPARE(document.experiment().weight[2], 2.5);
        QCOMPARE(document.experiment().bias[4], -1.0);
        checkShownMatchesEngine(document);
        QCOMPARE(document.result()->weight[2], 2.5);

        panel.gammaBetaEditor()->randomizeButton()->click();
        // The cell holds gamma as the engine uses it (float32), exactly: it reads back to that float.
        const QString cell = table->item(0, 0)->text();
        QCOMPARE(cell.toFloat(), float(document.experiment().weight[0]));
        QVERIFY(cell.toFloat() != float(cell.left(cell.size() - 1).toDouble())); // and no digit is spare
        panel.gammaBetaEditor()->resetButton()->click();
        QCOMPARE(table->item(2, 0)->text(), QStringLiteral("1"));

        panel.affineCheck()->click();
        QVERIFY(!document.experiment().spec.affine);
        QVERIFY(document.result()->weight.empty());
        QVERIFY(!panel.gammaBetaEditor()->isEnabled());
        // No ones and zeros that nothing uses: PyTorch's weight and bias are None.
        QVERIFY(table->isHidden());
        QVERIFY(!panel.gammaBetaEditor()->note()->isHidden());
        QCOMPARE(panel.gammaBetaEditor()->note()->text(),
                 QStringLiteral("affine=False: weight and bias are None, so y = x-hat."));
        checkShownMatchesEngine(document);
        panel.affineCheck()->click();
        QVERIFY(!table->isHidden());
        QCOMPARE(table->rowCount(), 6);
    }

    void gammaPerElementForLayer()
    {
        Document document(small());
        ControlsPanel panel(&document);
        activate(panel.normCombo(), 1);
        QTableWidget* table = panel.gammaBetaEditor()->table();
        QCOMPARE(table->rowCount(), 36); // normalized_shape (6, 2, 3)
        QCOMPARE(table->verticalHeaderItem(7)->text(), QStringLiteral("(1, 0, 1)"));
        table->item(7, 0)->setText(QStringLiteral("3"));
        QCOMPARE(document.experiment().weight[7], 3.0);
        checkShownMatchesEngine(document);
        const int last1 = panel.normalizedCombo()->findData(1);
        activate(panel.normalizedCombo(), last1);
        QVERIFY((document.experiment().spec.normalized_shape == Shape{3}));
        QCOMPARE(table->rowCount(), 3);
        checkShownMatchesEngine(document);
    }

    void shapeAndInput()
    {
        Document document(small());
        ControlsPanel panel(&document);
        panel.dimSpin(0)->setValue(5);
        panel.dimSpin(3)->setValue(4);
        QVERIFY((document.experiment().shape == Shape{5, 6, 2, 4}));
        checkShownMatchesEngine(document);
        panel.seedSpin()->setValue(9);
        QCOMPARE(document.experiment().recipe.seed, std::uint64_t(9));
        activate(panel.generatorCombo(), 1); // normal
        QCOMPARE(document.experiment().recipe.kind, GeneratorKind::Normal);
        panel.meanSpin()->setValue(3.0);
        QCOMPARE(document.experiment().recipe.mean, 3.0);
        checkShownMatchesEngine(document);
        activate(panel.dtypeCombo(), 1);
        QCOMPARE(document.result()->dtype, DType::Float64);
    }

    void runningStatisticsControls()
    {
        Document document(small());
        ControlsPanel panel(&document);
        Actions actions(&document);
        panel.setActions(commandsOf(actions));
        // momentum 0.25, not 0.5: a swapped momentum ((1 - m) for m) gives another answer.
        panel.momentumSpin()->setValue(0.25);
        QCOMPARE(*document.experiment().spec.momentum, 0.25);
        // Each channel's batch mean and unbiased variance, computed here from the generated input.
        const auto batchStats = test::channelMeanAndUnbiasedVar(
            generateInput<float>(document.experiment().recipe, document.experiment().shape));
        const std::int64_t C = std::int64_t(batchStats.size());
        std::vector<double> batchMean, batchVar;
        for (const auto& [mean, var] : batchStats) {
            batchMean.push_back(mean);
            batchVar.push_back(var);
        }
        // PyTorch: running = (1 - momentum) * running + momentum * batch, from running_mean 0 and
        // running_var 1; after k steps on the same batch, running_mean = (1 - 0.75^k) * batch mean.
        const double keep[] = {0.75, 0.75 * 0.75};
        for (int k = 1; k <= 2; ++k) {
            panel.stepButton()->click();
            QVERIFY(document.waitUntilIdle());
            QCOMPARE(document.experiment().num_batches_tracked, std::int64_t(k));
            const double kept = keep[k - 1];
            for (std::int64_t c = 0; c < C; ++c) {
                const double mean = (1 - kept) * batchMean[std::size_t(c)];
                const double var = kept * 1.0 + (1 - kept) * batchVar[std::size_t(c)];
                const double rm = document.experiment().running_mean[std::size_t(c)];
                const double rv = document.experiment().running_var[std::size_t(c)];
                QVERIFY2(
                    std::abs(rm - mean) <= 1e-6 * std::max(1.0, std::abs(mean)),
                    qPrintable(
                        QStringLiteral("step %1, c=%2: running_mean %3, expected %4").arg(k).arg(c).arg(rm).arg(mean)));
                QVERIFY2(
                    std::abs(rv - var) <= 1e-6 * std::max(1.0, var),
                    qPrintable(
                        QStringLiteral("step %1, c=%2: running_var %3, expected %4").arg(k).arg(c).arg(rv).arg(var)));
            }
        }
        panel.stepFreshButton()->click();
        QVERIFY(document.waitUntilIdle());
        QCOMPARE(document.experiment().num_batches_tracked, std::int64_t(3));
        panel.resetRunningButton()->click();
        QCOMPARE(document.experiment().num_batches_tracked, std::int64_t(0));

        panel.momentumNoneCheck()->click();
        QVERIFY(!document.experiment().spec.momentum);
        QVERIFY(!panel.momentumSpin()->isEnabled());

        activate(panel.modeCombo(), 1);
        QCOMPARE(document.experiment().spec.mode, Mode::Eval);
        checkShownMatchesEngine(document);
        panel.trackCheck()->click();
        QVERIFY(!document.experiment().spec.track_running_stats);
        QVERIFY(!panel.stepButton()->isEnabled());
        checkShownMatchesEngine(document);
    }

    void momentumShowsTheValueInUse()
    {
        // --momentum 2 (PyTorch accepts it) showed 1.0000 while 2 was used.
        const AppOptionsParse parsed =
            parseAppOptions({QStringLiteral("normscope"), QStringLiteral("--momentum"), QStringLiteral("2")});
        QVERIFY(parsed.options);
        Document document(parsed.options->experiment);
        ControlsPanel panel(&document);
        QCOMPARE(*document.experiment().spec.momentum, 2.0);
        QCOMPARE(panel.momentumSpin()->value(), 2.0);
        QCOMPARE(panel.momentumSpin()->text(), QStringLiteral("2"));

        // Digits past the old four decimals are shown, and undo shows the value it restores.
        document.setMomentum(0.123456789);
        QCOMPARE(panel.momentumSpin()->text(), QStringLiteral("0.123456789"));
        document.setMomentum(-0.5);
        QCOMPARE(panel.momentumSpin()->text(), QStringLiteral("-0.5"));
        document.undoStack()->undo();
        QCOMPARE(panel.momentumSpin()->value(), 0.123456789);
        QCOMPARE(*document.experiment().spec.momentum, 0.123456789);

        // Typed text goes to the Document as typed; the arrows land on multiples of the step.
        panel.momentumSpin()->findChild<QLineEdit*>()->setText(QStringLiteral("1.5"));
        panel.momentumSpin()->interpretText();
        QCOMPARE(*document.experiment().spec.momentum, 1.5);
        document.setMomentum(0.1);
        panel.momentumSpin()->stepBy(1);
        QCOMPARE(*document.experiment().spec.momentum, 0.15);
        QCOMPARE(panel.momentumSpin()->text(), QStringLiteral("0.15"));
        panel.momentumSpin()->stepBy(-4);
        QCOMPARE(*document.experiment().spec.momentum, -0.05);
    }

    void generatorFieldsShowTheRecipeInUse()
    {
        // A seed past int (a QSpinBox showed 705032704 for 5000000000), a negative std and a mean past
        // the old +-1e4 range with more than three decimals: each field shows the recipe's own value.
        const AppOptionsParse parsed =
            parseAppOptions({QStringLiteral("normscope"), QStringLiteral("--generator"), QStringLiteral("normal"),
                             QStringLiteral("--seed"), QStringLiteral("5000000000"), QStringLiteral("--std"),
                             QStringLiteral("-1.5"), QStringLiteral("--mean"), QStringLiteral("123456.789")});
        QVERIFY2(parsed.options, qPrintable(parsed.error));
        Document document(parsed.options->experiment);
        ControlsPanel panel(&document);
        QCOMPARE(document.experiment().recipe.seed, std::uint64_t(5000000000));
        QCOMPARE(panel.seedSpin()->text(), QStringLiteral("5000000000"));
        QCOMPARE(panel.meanSpin()->text(), QStringLiteral("123456.789"));
        QCOMPARE(document.experiment().recipe.std, -1.5);
        panel.seedSpin()->stepBy(1); // the next seed, exactly
        QCOMPARE(document.experiment().recipe.seed, std::uint64_t(5000000001));
        QCOMPARE(document.experiment().recipe.std, -1.5); // untouched by the seed's edit

        // The window refuses a seed its field cannot hold, with a message, instead of showing another.
        const AppOptionsParse tooBig = parseAppOptions(
            {QStringLiteral("normscope"), QStringLiteral("--seed"), QStringLiteral("9007199254740993")});
        QVERIFY(!tooBig.options);
        QVERIFY2(tooBig.error.contains(QStringLiteral("9007199254740992")), qPrintable(tooBig.error));
    }

    void wheelScrollsThePanelNotTheControls()
    {
        Document document(small());
        Actions actions(&document);
        QScrollArea area;
        auto* panel = new ControlsPanel(&document);
        panel->setActions(commandsOf(actions));
        area.setWidget(panel);
        area.setWidgetResizable(true);
        area.resize(420, 220);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        QScrollBar* bar = area.verticalScrollBar();
        QVERIFY(bar->maximum() > 0);
        panel->stepButton()->setFocus(); // showing the window focused the first control
        QCOMPARE(area.focusWidget(), panel->stepButton());
        QWidget* controls[] = {panel->momentumSpin(), panel->normCombo(), panel->epsSlider(), panel->dimSpin(1)};
        for (QWidget* control : controls) {
            QCOMPARE(control->focusPolicy(), Qt::StrongFocus); // the wheel gives no focus
            QCOMPARE(area.focusWidget(), panel->stepButton());
            bar->setValue(bar->maximum() / 2);
            const int before = bar->value();
            for (int notch = 0; notch < 6; ++notch) // six notches down over the control
                wheel(control, -120);
            QVERIFY2(bar->value() > before, qPrintable(control->objectName()));
        }
        QCOMPARE(*document.experiment().spec.momentum, 0.1);
        QCOMPARE(document.experiment().spec.kind, NormKind::Batch);
        QCOMPARE(*document.experiment().spec.eps, 1e-5);
        QCOMPARE(document.experiment().shape, (Shape{3, 6, 2, 3}));
        QCOMPARE(document.undoStack()->count(), 0);
    }

    void focusedControlTakesTheWheel()
    {
        Document document(small());
        QScrollArea area;
        auto* panel = new ControlsPanel(&document);
        area.setWidget(panel);
        area.setWidgetResizable(true);
        area.resize(420, 220);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        panel->momentumSpin()->setFocus();
        const int scrolled = area.verticalScrollBar()->value();
        wheel(panel->momentumSpin(), 120); // one notch up: one step
        QCOMPARE(*document.experiment().spec.momentum, 0.15);
        QCOMPARE(area.verticalScrollBar()->value(), scrolled);
    }

    void instanceDisablesWhatItLacks()
    {
        Document document(small());
        ControlsPanel panel(&document);
        Actions actions(&document);
        panel.setActions(commandsOf(actions));
        QVERIFY(panel.stepButton()->isEnabled()); // BatchNorm tracks running statistics
        activate(panel.normCombo(), 2);
        QVERIFY(!panel.affineCheck()->isChecked()); // InstanceNorm's defaults
        QVERIFY(!panel.trackCheck()->isChecked());
        QVERIFY(panel.trackCheck()->isEnabled());
        QVERIFY(!panel.momentumNoneCheck()->isEnabled());
        activate(panel.normCombo(), 1);
        QVERIFY(!panel.trackCheck()->isEnabled());
        QVERIFY(!panel.stepButton()->isEnabled());
    }
};

QTEST_MAIN(TestControls)
#include "test_controls.moc"
