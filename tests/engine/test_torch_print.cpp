// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// engine/report/torch_print.h against print(tensor) of torch 1.13 (tests/gen_torch_print_fixtures.py).

#include "engine/report/torch_print.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <limits>

using namespace normscope;

class TestTorchPrint : public QObject {
    Q_OBJECT

private slots:
    void matchesTorch_data();
    void matchesTorch();
    void elementsPointAtTheirText();
    void elidedElementsAreAbsent();
};

namespace {

QJsonArray fixtureCases()
{
    QFile file(QStringLiteral(NORMSCOPE_FIXTURE_DIR "/torch_print/cases.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open the torch_print fixture");
    return QJsonDocument::fromJson(file.readAll()).array();
}

double valueOf(const QJsonValue& v)
{
    if (v.isDouble())
        return v.toDouble();
    const QString text = v.toString();
    if (text == QLatin1String("-0.0"))
        return -0.0;
    if (text == QLatin1String("nan"))
        return std::numeric_limits<double>::quiet_NaN();
    return text.startsWith(QLatin1Char('-')) ? -std::numeric_limits<double>::infinity()
                                             : std::numeric_limits<double>::infinity();
}

Tensor<double> tensorOf(const QJsonObject& c)
{
    Shape shape;
    for (const QJsonValue& d : c.value(QStringLiteral("shape")).toArray())
        shape.push_back(d.toInteger());
    Tensor<double> t(shape);
    const QJsonArray values = c.value(QStringLiteral("values")).toArray();
    for (qsizetype i = 0; i < values.size(); ++i)
        t.data()[i] = valueOf(values[i]);
    return t;
}

DType dtypeOf(const QJsonObject& c)
{
    return c.value(QStringLiteral("dtype")).toString() == QLatin1String("float64") ? DType::Float64 : DType::Float32;
}

} // namespace

void TestTorchPrint::matchesTorch_data()
{
    QTest::addColumn<int>("index");
    const QJsonArray cases = fixtureCases();
    QVERIFY(cases.size() >= 20);
    for (int i = 0; i < cases.size(); ++i)
        QTest::newRow(cases[i].toObject().value(QStringLiteral("name")).toString().toUtf8().constData()) << i;
}

void TestTorchPrint::matchesTorch()
{
    QFETCH(int, index);
    const QJsonObject c = fixtureCases()[index].toObject();
    const Tensor<double> t = tensorOf(c);
    const QString expected = c.value(QStringLiteral("text")).toString();
    QCOMPARE(QString::fromStdString(torchRepr(t, dtypeOf(c))), expected);
}

void TestTorchPrint::elementsPointAtTheirText()
{
    // BatchNorm1d(2)'s y on arange(12).reshape(2,2,3), as the article prints it.
    const Shape shape{2, 2, 3};
    const double third = 0.6433, two = 0.9649, one = 1.2865;
    const std::vector<double> y{-one, -two, -third, -one, -two, -third, third, two, one, third, two, one};
    const TorchPrint p = torchPrint(y.data(), shape, DType::Float32);
    QCOMPARE(p.elements.size(), std::size_t(12));
    for (std::size_t k = 0; k < p.elements.size(); ++k) {
        QCOMPARE(p.elements[k].flatIndex, std::int64_t(k));
        QCOMPARE(p.elements[k].length, std::size_t(7));
    }
    QCOMPARE(p.text.substr(p.elements[0].offset, 7), std::string("-1.2865"));
    QCOMPARE(p.text.substr(p.elements[6].offset, 7), std::string(" 0.6433"));
    QCOMPARE(p.text.substr(p.elements[11].offset, 7), std::string(" 1.2865"));
}

void TestTorchPrint::elidedElementsAreAbsent()
{
    // 2000 elements in one row: 3 at each end are printed, the rest is " ...".
    std::vector<double> v(2000);
    for (std::size_t i = 0; i < v.size(); ++i)
        v[i] = 1000.0 + static_cast<double>(i);
    const TorchPrint p = torchPrint(v.data(), Shape{2000}, DType::Float32);
    QCOMPARE(p.text, std::string("tensor([1000., 1001., 1002.,  ..., 2997., 2998., 2999.])"));
    QCOMPARE(p.elements.size(), std::size_t(6));
    QCOMPARE(p.elements[3].flatIndex, std::int64_t(1997));
    QCOMPARE(p.text.substr(p.elements[3].offset, p.elements[3].length), std::string("2997."));
}

QTEST_APPLESS_MAIN(TestTorchPrint)
#include "test_torch_print.moc"
