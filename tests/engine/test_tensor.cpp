// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// Tensor storage: the alignment the kernels count on (aligned_allocator.h) and values that survive
// the ways a tensor is built, resized and cast.

#include "engine/core/tensor.h"

#include <QTest>

#include <cstdint>

using namespace normscope;

namespace {

std::uintptr_t address(const void* p)
{
    return reinterpret_cast<std::uintptr_t>(p);
}

} // namespace

class TestTensor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void smallTensorsStartOnACacheLine()
    {
        for (std::int64_t n : {1, 3, 17, 1000, 100000}) {
            const Tensor<float> f({n});
            const Tensor<double> d({n});
            QCOMPARE(address(f.data()) % 64, std::uintptr_t(0));
            QCOMPARE(address(d.data()) % 64, std::uintptr_t(0));
        }
    }

    // 4 MiB and more: on a huge-page boundary, zero-filled like any other tensor.
    void largeTensorsStartOnA2MiBBoundary()
    {
        const Tensor<float> x({1 << 20, 3});
        QCOMPARE(address(x.data()) % (std::uintptr_t(2) << 20), std::uintptr_t(0));
        QCOMPARE(x[0], 0.0f);
        QCOMPARE(x[x.numel() - 1], 0.0f);
    }

    void valuesSurviveConstructionResizeAndCast()
    {
        Tensor<double> t({2, 2}, std::vector<double>{1, 2, 3, 4});
        QCOMPARE(t.values(), (Tensor<double>::Storage{1, 2, 3, 4}));
        t.resize({2, 3});
        QCOMPARE(t.numel(), std::int64_t(6));
        QCOMPARE(t[3], 4.0);
        QCOMPARE(address(t.data()) % 64, std::uintptr_t(0));
        const Tensor<float> f = t.cast<float>();
        QCOMPARE(f.shape(), (Shape{2, 3}));
        QCOMPARE(f[1], 2.0f);
        QCOMPARE(address(f.data()) % 64, std::uintptr_t(0));
    }
};

QTEST_APPLESS_MAIN(TestTensor)
#include "test_tensor.moc"
