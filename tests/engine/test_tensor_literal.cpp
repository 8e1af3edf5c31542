// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// engine/options/tensor_literal: tensors as NumPy and PyTorch print them, with shapes and values
// written out by hand, and each refusal with the character position it must name.

#include "engine/core/error.h"
#include "engine/options/tensor_literal.h"

#include <QTest>

#include <cmath>
#include <string>

using namespace normscope;

class TestTensorLiteral : public QObject {
    Q_OBJECT

private:
    static std::string errorOf(const std::string& text)
    {
        try {
            parseTensorLiteral(text);
        } catch (const Error& e) {
            return e.what();
        }
        return "accepted";
    }

private Q_SLOTS:
    void nestedList()
    {
        const TensorLiteral t = parseTensorLiteral("[[0,1,2],[3,4,5],[6,7,8]]");
        QCOMPARE(t.shape, (Shape{3, 3}));
        QCOMPARE(t.values, (std::vector<double>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
    }

    void pytorchPrint()
    {
        const TensorLiteral t =
            parseTensorLiteral("tensor([[[ 0.,  1.],\n         [ 2.,  3.]],\n\n        [[-1.5e+00, 2.5E-1],\n"
                               "         [nan, -inf]]], dtype=torch.float64)");
        QCOMPARE(t.shape, (Shape{2, 2, 2}));
        QCOMPARE(t.values[1], 1.0);
        QCOMPARE(t.values[4], -1.5);
        QCOMPARE(t.values[5], 0.25);
        QVERIFY(std::isnan(t.values[6]));
        QCOMPARE(t.values[7], -std::numeric_limits<double>::infinity());
        QCOMPARE(parseTensorLiteral("np.array([1, 2.5, 3,])").values, (std::vector<double>{1, 2.5, 3}));
        QCOMPARE(parseTensorLiteral("[.5, 1e3]").values, (std::vector<double>{0.5, 1000}));
    }

    void rankFive()
    {
        QCOMPARE(parseTensorLiteral("[[[[[1,2]]]]]").shape, (Shape{1, 1, 1, 1, 2}));
        QCOMPARE(parseTensorLiteral("[7]").shape, (Shape{1}));
    }

    void arange()
    {
        const TensorLiteral t = parseTensorLiteral("arange(12).reshape(2,2,3)");
        QCOMPARE(t.shape, (Shape{2, 2, 3}));
        QCOMPARE(t.values.front(), 0.0);
        QCOMPARE(t.values.back(), 11.0);
        QCOMPARE(parseTensorLiteral("torch.arange(12).reshape(2, 2, 3)").shape, (Shape{2, 2, 3}));
        QCOMPARE(parseTensorLiteral("np.arange(6).reshape((3, 2))").shape, (Shape{3, 2}));
        QCOMPARE(parseTensorLiteral("arange(4)").shape, (Shape{4}));
    }

    void dtype()
    {
        const AnyTensor f = toTensor(parseTensorLiteral("[0.1, 0.2]"), DType::Float32);
        QCOMPARE(dtypeOf(f), DType::Float32);
        QCOMPARE(std::get<Tensor<float>>(f)[0], 0.1f);
        const AnyTensor d = toTensor(parseTensorLiteral("[0.1, 0.2]"), DType::Float64);
        QCOMPARE(std::get<Tensor<double>>(d)[0], 0.1);
    }

    void errorsNamePositions_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << "  "
                               << "the tensor is empty";
        QTest::newRow("ragged") << "[[0,1,2],[3,4]]"
                                << "character 10: ragged list: 2 elements";
        QTest::newRow("ragged depth") << "[[0,1],2]"
                                      << "character 8: ragged list: expected a list";
        QTest::newRow("word") << "[[0,1],[x,2]]"
                              << "character 9: 'x' is not a number";
        QTest::newRow("elided") << "[0, ..., 9]"
                                << "character 5: '...' is not a number";
        QTest::newRow("rank 6") << "[[[[[[1]]]]]]"
                                << "character 6: rank above 5";
        QTest::newRow("unclosed") << "[1, 2"
                                  << "character 6: expected ',' or ']'";
        QTest::newRow("empty list") << "[[]]"
                                    << "character 2: empty list";
        QTest::newRow("trailing") << "[1] 2"
                                  << "character 5: unexpected text";
        QTest::newRow("reshape") << "arange(12).reshape(5,2)"
                                 << "character 11: cannot reshape arange(12)";
        QTest::newRow("too many") << "arange(16777217)"
                                  << "character 8: arange's n 16777217 is more than 16777216";
        QTest::newRow("double sign") << "[--1]"
                                     << "character 2: '--1' is not a number";
    }

    void errorsNamePositions()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QString message = QString::fromStdString(errorOf(text.toStdString()));
        QVERIFY2(message.contains(expected), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestTensorLiteral)
#include "test_tensor_literal.moc"
