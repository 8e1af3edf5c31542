// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The window reads x-hat and y one element at a time (engine/kernels/element_values.h) instead of
// storing them: every element must be the very bits normalizedInput() and forward() write, on every
// kernel path (groups, row blocks, the wide arithmetic near FLT_MAX, eval, RMSNorm, no affine).

#include "engine/core/cache_sizes.h"
#include "engine/kernels/element_values.h"
#include "engine/kernels/forward.h"
#include "tests/support/kernel_path_cases.h"
#include "tests/support/random_tensor.h"
#include "tests/support/spec_builders.h"

#include <QTest>

#include <cstring>

using namespace normscope;
using normscope::test::randomTensor;

namespace {

template <typename T>
bool sameBits(T a, T b)
{
    return std::memcmp(&a, &b, sizeof(T)) == 0;
}

template <typename T>
void everyElementAsTheKernelsWroteIt(const NormSpec& spec, const Shape& shape, double offset, double scale,
                                     const CacheSizes& caches)
{
    const Tensor<T> x = randomTensor<T>(shape, 5, offset, scale);
    NormState<T> state = test::randomState<T>(spec, shape, offset, scale);
    const NormState<T> used = state; // forward() moves the running statistics, not gamma or beta
    ForwardResult<T> r;
    forward(spec, x, state, r, ForwardOptions{2, caches});
    const Tensor<T> xhat = normalizedInput(spec, x, r);
    const StatsLayout layout(spec, shape);
    const T* gamma = spec.affine ? used.weight.data() : nullptr;
    const T* beta = spec.hasBias() ? used.bias.data() : nullptr;
    std::int64_t wrongY = 0, wrongXhat = 0, firstWrong = -1;
    for (std::int64_t i = 0; i < x.numel(); ++i) {
        const bool y = sameBits(outputElement(layout, x.data(), gamma, beta, r, i), r.output[i]);
        const bool h = sameBits(normalizedElement(layout, x.data(), r, i), xhat[i]);
        wrongY += !y;
        wrongXhat += !h;
        if ((!y || !h) && firstWrong < 0)
            firstWrong = i;
    }
    QVERIFY2(
        wrongY == 0 && wrongXhat == 0,
        qPrintable(QStringLiteral("%1 y and %2 x-hat elements differ (first %3: y %4 vs %5)")
                       .arg(wrongY)
                       .arg(wrongXhat)
                       .arg(firstWrong)
                       .arg(double(outputElement(layout, x.data(), gamma, beta, r, firstWrong < 0 ? 0 : firstWrong)), 0,
                            'g', 17)
                       .arg(double(r.output[firstWrong < 0 ? 0 : firstWrong]), 0, 'g', 17)));
}

} // namespace

class TestElementValues : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sameBitsAsTheKernels_data()
    {
        test::addKernelPathRows();
        // And the single-element cases the kernels' own test does not need.
        const Shape chw{6, 8, 30, 30};
        const NormSpec layerCHW = test::normalizedSpec(NormKind::Layer, {8, 30, 30});
        QTest::newRow("rms_no_affine") << test::normalizedSpec(NormKind::Rms, {30}, false) << chw << 3.0 << 2.0;
        const Shape nchw{8, 16, 20, 20};
        QTest::newRow("batch_offset") << test::specOf(NormKind::Batch) << nchw << 1e4 << 1e-3;
        QTest::newRow("batch_near_max") << test::specOf(NormKind::Batch) << nchw << 0.0 << 1e37;
        NormSpec batchNoAffine = test::specOf(NormKind::Batch);
        batchNoAffine.affine = false;
        QTest::newRow("batch_no_affine") << batchNoAffine << nchw << 0.5 << 2.0;
        NormSpec instanceEval = test::specOf(NormKind::Instance, Mode::Eval);
        instanceEval.track_running_stats = true;
        QTest::newRow("instance_eval_tracked") << instanceEval << nchw << 0.5 << 2.0;
        // Constant groups with eps = 0: batch_norm's rstd 0 (x-hat 0), LayerNorm's inf (NaN).
        NormSpec batchEps0 = test::specOf(NormKind::Batch);
        batchEps0.eps = 0.0;
        QTest::newRow("batch_constant_eps0") << batchEps0 << nchw << 2.0 << 0.0;
        NormSpec layerEps0 = layerCHW;
        layerEps0.eps = 0.0;
        QTest::newRow("layer_constant_eps0") << layerEps0 << chw << 2.0 << 0.0;
    }

    void sameBitsAsTheKernels()
    {
        QFETCH(NormSpec, spec);
        QFETCH(Shape, shape);
        QFETCH(double, offset);
        QFETCH(double, scale);
        // This machine's choices, and sizes that send the small tensors down the row-block and
        // streamed paths large ones take.
        const CacheSizes tiny{1024, 8192, 65536};
        for (const CacheSizes& caches : {machineCacheSizes(), tiny}) {
            everyElementAsTheKernelsWroteIt<float>(spec, shape, offset, scale, caches);
            if (QTest::currentTestFailed())
                return;
            everyElementAsTheKernelsWroteIt<double>(spec, shape, offset, scale, caches);
            if (QTest::currentTestFailed())
                return;
        }
    }
};

QTEST_APPLESS_MAIN(TestElementValues)
#include "test_element_values.moc"
