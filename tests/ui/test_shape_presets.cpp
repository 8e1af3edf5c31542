// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The generator's ranks 2 to 5 and the transformer preset (ui/document/shape_presets.h) through the
// controls' Layout choice: the module PyTorch names for the rank, BatchNorm's means per channel
// recomputed here from x, the spins named after the rank, and (B, T, D) as LayerNorm(D) per token.

#include "engine/core/norm_traits.h"
#include "ui/document/document.h"
#include "ui/document/shape_presets.h"
#include "ui/cube/cube_view.h"
#include "ui/main_window.h"
#include "ui/panels/controls_panel.h"

#include <QComboBox>
#include <QSpinBox>
#include <QUndoStack>
#include <QtTest>

#include <cmath>

using namespace normscope;
using namespace normscope::ui;

class TestShapePresets : public QObject {
    Q_OBJECT

private slots:
    void shapeAtAnotherRank()
    {
        QCOMPARE(shapeWithRank({4, 6, 5, 7}, 2), (Shape{4, 6}));
        QCOMPARE(shapeWithRank({4, 6, 5, 7}, 3), (Shape{4, 6, 7}));
        QCOMPARE(shapeWithRank({4, 6, 5, 7}, 5), (Shape{4, 6, 4, 5, 7}));
        QCOMPARE(shapeWithRank({4, 6}, 4), (Shape{4, 6, 4, 4}));
        QCOMPARE(shapeWithRank({2, 3, 9}, 3), (Shape{2, 3, 9}));
    }

    void layoutChoiceSetsTheRank_data()
    {
        QTest::addColumn<int>("choice");
        QTest::addColumn<QString>("module");
        QTest::addColumn<QString>("spins");
        QTest::newRow("(N, C)") << 0 << "BatchNorm1d"
                                << "N C";
        QTest::newRow("(N, C, L)") << 1 << "BatchNorm1d"
                                   << "N C L";
        QTest::newRow("(N, C, H, W)") << 2 << "BatchNorm2d"
                                      << "N C H W";
        QTest::newRow("(N, C, D, H, W)") << 3 << "BatchNorm3d"
                                         << "N C D H W";
    }

    void layoutChoiceSetsTheRank()
    {
        QFETCH(int, choice);
        QFETCH(QString, module);
        QFETCH(QString, spins);
        Document document(Experiment::demo());
        MainWindow window(&document);
        ControlsPanel* controls = window.controls();
        Q_EMIT controls->layoutCombo()->activated(choice);
        document.waitUntilIdle();
        const Experiment& e = document.experiment();
        QCOMPARE(static_cast<int>(e.shape.size()), choice + 2);
        QCOMPARE(QString::fromStdString(moduleName(e.spec.kind, static_cast<int>(e.shape.size()))), module);
        QCOMPARE(controls->layoutCombo()->currentIndex(), choice);
        QStringList names;
        for (int a = 0; a < 5; ++a)
            if (controls->dimSpin(a)->isVisibleTo(controls))
                names << controls->dimSpin(a)->prefix().trimmed();
        QCOMPARE(names.join(QLatin1Char(' ')), spins);

        // BatchNorm: one mean per channel over N and every spatial position, recomputed from x.
        const ResultPtr r = document.result();
        QVERIFY(r && r->ok());
        const std::int64_t n = e.shape[0], c = e.shape[1];
        const std::int64_t inner = numel(e.shape) / (n * c);
        for (std::int64_t ch = 0; ch < c; ++ch) {
            double sum = 0;
            for (std::int64_t i = 0; i < n; ++i)
                for (std::int64_t k = 0; k < inner; ++k)
                    sum += r->input[(i * c + ch) * inner + k];
            QVERIFY(std::abs(r->mean.data()[ch] - sum / double(n * inner)) < 1e-5);
        }
    }

    void transformerPreset()
    {
        Document document(Experiment::demo());
        MainWindow window(&document);
        ControlsPanel* controls = window.controls();
        Q_EMIT controls->layoutCombo()->activated(static_cast<int>(ShapePreset::BTD));
        document.waitUntilIdle();
        const Experiment& e = document.experiment();
        QCOMPARE(e.shape, (Shape{4, 8, 16}));
        QCOMPARE(int(e.spec.kind), int(NormKind::Layer));
        QCOMPARE(e.spec.normalized_shape, (Shape{16}));
        QCOMPARE(controls->layoutCombo()->currentIndex(), static_cast<int>(ShapePreset::BTD));
        QCOMPARE(controls->dimSpin(0)->prefix(), QStringLiteral("B "));
        QCOMPARE(controls->dimSpin(1)->prefix(), QStringLiteral("T "));
        QCOMPARE(controls->dimSpin(2)->prefix(), QStringLiteral("D "));
        QCOMPARE(window.cubeView()->grid().axisLabel(0), QStringLiteral("B = 4"));
        QCOMPARE(window.cubeView()->grid().axisLabel(1), QStringLiteral("T = 8"));
        QCOMPARE(window.cubeView()->grid().axisLabel(2), QStringLiteral("D = 16"));
        // One mean per token: 4 x 8 groups, each the mean of that token's 16 features.
        const ResultPtr r = document.result();
        QVERIFY(r && r->ok());
        QCOMPARE(r->mean.numel(), std::int64_t(32));
        for (std::int64_t token = 0; token < 32; ++token) {
            double sum = 0;
            for (std::int64_t d = 0; d < 16; ++d)
                sum += r->input[token * 16 + d];
            QVERIFY(std::abs(r->mean.data()[token] - sum / 16.0) < 1e-5);
        }
        // Undo gives the 4-D demo back.
        document.undoStack()->undo();
        QCOMPARE(document.experiment().shape, (Shape{4, 6, 5, 5}));
    }
};

QTEST_MAIN(TestShapePresets)
#include "test_shape_presets.moc"
