// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The norm traits against PyTorch's modules, with every expected value written out here from
// PyTorch's documentation (torch.nn.BatchNorm1d ... torch.nn.RMSNorm), not from the table.

#include "engine/core/norm_spec.h"
#include "engine/core/norm_traits.h"

#include <QTest>

#include <limits>

using namespace normscope;

Q_DECLARE_METATYPE(normscope::NormKind)

class TestNormTraits : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void moduleNames_data()
    {
        QTest::addColumn<NormKind>("kind");
        QTest::addColumn<int>("rank");
        QTest::addColumn<QString>("module");
        QTest::newRow("batch (N,C)") << NormKind::Batch << 2 << "BatchNorm1d";
        QTest::newRow("batch (N,C,L)") << NormKind::Batch << 3 << "BatchNorm1d";
        QTest::newRow("batch (N,C,H,W)") << NormKind::Batch << 4 << "BatchNorm2d";
        QTest::newRow("batch (N,C,D,H,W)") << NormKind::Batch << 5 << "BatchNorm3d";
        QTest::newRow("instance (N,C,L)") << NormKind::Instance << 3 << "InstanceNorm1d";
        QTest::newRow("instance (N,C,H,W)") << NormKind::Instance << 4 << "InstanceNorm2d";
        QTest::newRow("instance (N,C,D,H,W)") << NormKind::Instance << 5 << "InstanceNorm3d";
        for (int rank = 1; rank <= 5; ++rank) {
            QTest::addRow("layer rank %d", rank) << NormKind::Layer << rank << "LayerNorm";
            QTest::addRow("rms rank %d", rank) << NormKind::Rms << rank << "RMSNorm";
        }
        for (int rank = 2; rank <= 5; ++rank)
            QTest::addRow("group rank %d", rank) << NormKind::Group << rank << "GroupNorm";
    }

    void moduleNames()
    {
        QFETCH(NormKind, kind);
        QFETCH(int, rank);
        QFETCH(QString, module);
        QCOMPARE(QString::fromStdString(moduleName(kind, rank)), module);
    }

    void names_data()
    {
        QTest::addColumn<NormKind>("kind");
        QTest::addColumn<QString>("cli");
        QTest::addColumn<QString>("display");
        QTest::newRow("batch") << NormKind::Batch << "batch"
                               << "BatchNorm";
        QTest::newRow("layer") << NormKind::Layer << "layer"
                               << "LayerNorm";
        QTest::newRow("instance") << NormKind::Instance << "instance"
                                  << "InstanceNorm";
        QTest::newRow("group") << NormKind::Group << "group"
                               << "GroupNorm";
        QTest::newRow("rms") << NormKind::Rms << "rms"
                             << "RMSNorm";
    }

    void names()
    {
        QFETCH(NormKind, kind);
        QFETCH(QString, cli);
        QFETCH(QString, display);
        QCOMPARE(QString(toString(kind)), cli);
        QCOMPARE(QString(traitsOf(kind).displayName), display);
        QCOMPARE(traitsOf(kind).kind, kind);
        QCOMPARE(parseNormKind(cli.toStdString()), std::optional<NormKind>(kind));
    }

    void unknownNamesAreRefused()
    {
        for (const char* name : {"", "Batch", "batchnorm", "BatchNorm", "rmsnorm", "weight"})
            QVERIFY2(!parseNormKind(name), name);
        QCOMPARE(QString::fromStdString(normKindChoices()), QString("batch, layer, instance, group or rms"));
    }

    /// Which constructor arguments each module takes (besides eps and affine, which all take).
    void constructorArguments_data()
    {
        QTest::addColumn<NormKind>("kind");
        QTest::addColumn<bool>("numGroups");
        QTest::addColumn<bool>("normalizedShape");
        QTest::addColumn<bool>("runningStats"); // momentum, track_running_stats
        QTest::addColumn<bool>("momentumNone");
        QTest::addColumn<bool>("epsNone");
        QTest::addColumn<QString>("affineArgument");
        // BatchNorm2d(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True); momentum=None: CMA
        QTest::newRow("batch") << NormKind::Batch << false << false << true << true << false << "affine";
        // LayerNorm(normalized_shape, eps=1e-05, elementwise_affine=True, bias=True)
        QTest::newRow("layer") << NormKind::Layer << false << true << false << false << false << "elementwise_affine";
        // InstanceNorm2d(num_features, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False);
        // F.instance_norm refuses momentum=None
        QTest::newRow("instance") << NormKind::Instance << false << false << true << false << false << "affine";
        // GroupNorm(num_groups, num_channels, eps=1e-05, affine=True)
        QTest::newRow("group") << NormKind::Group << true << false << false << false << false << "affine";
        // RMSNorm(normalized_shape, eps=None, elementwise_affine=True)
        QTest::newRow("rms") << NormKind::Rms << false << true << false << false << true << "elementwise_affine";
    }

    void constructorArguments()
    {
        QFETCH(NormKind, kind);
        QFETCH(bool, numGroups);
        QFETCH(bool, normalizedShape);
        QFETCH(bool, runningStats);
        QFETCH(bool, momentumNone);
        QFETCH(bool, epsNone);
        QFETCH(QString, affineArgument);
        const NormTraits& t = traitsOf(kind);
        QCOMPARE(t.takesNumGroups, numGroups);
        QCOMPARE(t.takesNormalizedShape, normalizedShape);
        QCOMPARE(t.takesRunningStats, runningStats);
        QCOMPARE(t.acceptsMomentumNone, momentumNone);
        QCOMPARE(t.acceptsEpsNone, epsNone);
        QCOMPARE(QString(t.affineArgument), affineArgument);
    }

    /// What the module holds and computes, and PyTorch's defaults, through NormSpec as callers see them.
    void defaultsAndParameters_data()
    {
        QTest::addColumn<NormKind>("kind");
        QTest::addColumn<bool>("affine");
        QTest::addColumn<bool>("tracking");
        QTest::addColumn<bool>("epsIsNone");
        QTest::addColumn<bool>("bias"); // an affine module has beta
        QTest::addColumn<bool>("subtractsMean");
        QTest::addColumn<bool>("countsBatches"); // a training pass advances num_batches_tracked
        QTest::addColumn<bool>("zeroRstd");      // ATen's batch_norm: rstd 0 where var = eps = 0 (training)
        QTest::newRow("batch") << NormKind::Batch << true << true << false << true << true << true << true;
        QTest::newRow("layer") << NormKind::Layer << true << false << false << true << true << false << false;
        QTest::newRow("instance") << NormKind::Instance << false << false << false << true << true << false << true;
        QTest::newRow("group") << NormKind::Group << true << false << false << true << true << false << false;
        QTest::newRow("rms") << NormKind::Rms << true << false << true << false << false << false << false;
    }

    void defaultsAndParameters()
    {
        QFETCH(NormKind, kind);
        QFETCH(bool, affine);
        QFETCH(bool, tracking);
        QFETCH(bool, epsIsNone);
        QFETCH(bool, bias);
        QFETCH(bool, subtractsMean);
        QFETCH(bool, countsBatches);
        QFETCH(bool, zeroRstd);
        const NormSpec spec = NormSpec::defaults(kind);
        QCOMPARE(spec.kind, kind);
        QCOMPARE(spec.affine, affine);
        QCOMPARE(spec.hasRunningStats(), tracking);
        QCOMPARE(!spec.eps.has_value(), epsIsNone);
        if (!epsIsNone)
            QCOMPARE(*spec.eps, 1e-5);
        QCOMPARE(*spec.momentum, 0.1);
        QCOMPARE(spec.mode, Mode::Training);
        NormSpec affineOn = spec;
        affineOn.affine = true;
        QCOMPARE(affineOn.hasBias(), bias);
        affineOn.affine = false;
        QVERIFY(!affineOn.hasBias());
        QCOMPARE(spec.subtractsMean(), subtractsMean);
        QCOMPARE(traitsOf(kind).countsBatches, countsBatches);
        QCOMPARE(spec.zeroRstdForZeroVar(), zeroRstd);
    }

    void trackingNeedsAModuleThatTakesIt()
    {
        for (NormKind kind : {NormKind::Layer, NormKind::Group, NormKind::Rms}) {
            NormSpec spec = NormSpec::defaults(kind);
            spec.track_running_stats = true;
            QVERIFY(!spec.hasRunningStats());
        }
        NormSpec instance = NormSpec::defaults(NormKind::Instance);
        instance.track_running_stats = true;
        QVERIFY(instance.hasRunningStats());
    }

    void affineShapeFollowsTheConstructor()
    {
        const Shape x{2, 6, 4, 5};
        NormSpec layer = NormSpec::defaults(NormKind::Layer);
        layer.normalized_shape = {4, 5};
        QCOMPARE(affineShape(layer, x), (Shape{4, 5}));
        NormSpec rms = NormSpec::defaults(NormKind::Rms);
        rms.normalized_shape = {5};
        QCOMPARE(affineShape(rms, x), (Shape{5}));
        for (NormKind kind : {NormKind::Batch, NormKind::Instance, NormKind::Group})
            QCOMPARE(affineShape(NormSpec::defaults(kind), x), (Shape{6}));
    }

    void messagesNameTheKinds()
    {
        QCOMPARE(QString::fromStdString(displayNamesWhere(&NormTraits::takesRunningStats)),
                 QString("BatchNorm and InstanceNorm"));
        QCOMPARE(QString::fromStdString(displayNamesWhere(&NormTraits::takesNormalizedShape)),
                 QString("LayerNorm and RMSNorm"));
        QCOMPARE(QString::fromStdString(displayNamesWhere(&NormTraits::takesNumGroups)), QString("GroupNorm"));
        QCOMPARE(QString(traitsOf(NormKind::Rms).sinceTorch), QString("2.4"));
        QVERIFY(!traitsOf(NormKind::Batch).sinceTorch);
    }

    void everyKindOnce()
    {
        QCOMPARE(std::size(kNormKinds), std::size_t(5));
        for (std::size_t i = 0; i < std::size(kNormKinds); ++i)
            QCOMPARE(static_cast<std::size_t>(kNormKinds[i]), i);
    }
};

QTEST_GUILESS_MAIN(TestNormTraits)
#include "test_norm_traits.moc"
