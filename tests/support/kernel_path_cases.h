// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#pragma once

// Inputs that send the forward kernels down each of their paths (per group, row blocks, per-element
// gamma, the wide arithmetic near FLT_MAX, eval, G = 1), for tests that hold every path to a rule.

#include "engine/core/norm_spec.h"
#include "tests/support/spec_builders.h"

#include <QTest>

Q_DECLARE_METATYPE(normscope::NormSpec)
Q_DECLARE_METATYPE(normscope::Shape)

namespace normscope::test {

/// Columns spec, shape, offset and scale (the data: offset + scale * N(0, 1)), one row per path.
inline void addKernelPathRows()
{
    QTest::addColumn<NormSpec>("spec");
    QTest::addColumn<Shape>("shape");
    QTest::addColumn<double>("offset");
    QTest::addColumn<double>("scale");
    const Shape chw{6, 8, 30, 30};
    const NormSpec layerCHW = normalizedSpec(NormKind::Layer, {8, 30, 30});
    QTest::newRow("layer_CHW") << layerCHW << chw << 0.5 << 2.0;
    QTest::newRow("layer_CHW_offset") << layerCHW << chw << 1e4 << 1e-2;
    // Rows whose deviations overflow float lanes: the wide arithmetic, on every path.
    QTest::newRow("layer_CHW_near_max") << layerCHW << chw << 0.0 << 1e37;
    QTest::newRow("layer_CHW_no_affine") << normalizedSpec(NormKind::Layer, {8, 30, 30}, false) << chw << 0.5 << 2.0;
    QTest::newRow("rms_CHW") << normalizedSpec(NormKind::Rms, {8, 30, 30}) << chw << 0.5 << 2.0; // gamma, no beta
    QTest::newRow("layer_last") << normalizedSpec(NormKind::Layer, {768}) << Shape{4, 13, 768} << 0.5 << 2.0;
    // GroupNorm with G = 1 on (N, C): per-element parameters in one run, as LayerNorm.
    QTest::newRow("group_G1_rank2") << groupSpec(1) << Shape{9, 5000} << 0.5 << 2.0;
    const Shape nchw{8, 16, 20, 20};
    QTest::newRow("batch") << specOf(NormKind::Batch) << nchw << 0.5 << 2.0;
    QTest::newRow("batch_eval") << specOf(NormKind::Batch, Mode::Eval) << nchw << 0.5 << 2.0;
    QTest::newRow("group4") << groupSpec(4) << nchw << 0.5 << 2.0;
    QTest::newRow("instance") << specOf(NormKind::Instance) << nchw << 1e4 << 1e-2;
}

} // namespace normscope::test
