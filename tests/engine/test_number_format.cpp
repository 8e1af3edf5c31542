// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// engine/core/number_format: expected texts written by hand (what Python's repr and NumPy print for
// these values), then round-trip properties on random bit patterns checked with the C library's own
// parsers (strtof, strtod), which share no code with std::to_chars.

#include "engine/core/number_format.h"

#include <QTest>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>

using namespace normscope;

Q_DECLARE_METATYPE(normscope::DType)

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// Significant digits of a decimal text: leading zeros and the zeros that pad an integer or end a
/// fraction do not count ("0.0030" -> 2, "1000000000000000" -> 1, "1.5e-05" -> 2).
int significantDigits(const std::string& text)
{
    std::string digits;
    for (char c : text.substr(0, text.find('e')))
        if (c >= '0' && c <= '9')
            digits += c;
    const std::size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos)
        return 1;
    return static_cast<int>(digits.find_last_not_of('0') - first + 1);
}

bool sameBits(float a, float b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}
bool sameBits(double a, double b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

} // namespace

class TestNumberFormat : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void shortest_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<DType>("dtype");
        QTest::addColumn<QString>("expected");
        const DType f32 = DType::Float32, f64 = DType::Float64;
        // The issue: a float32 0.3 widened to double is 0.30000001192092896; in its dtype it is 0.3.
        QTest::newRow("0.3f") << double(0.3f) << f32 << "0.3";
        QTest::newRow("0.3f asked as float64") << double(0.3f) << f64 << "0.30000001192092896";
        QTest::newRow("0.1 double") << 0.1 << f64 << "0.1";
        QTest::newRow("0.1 + 0.2 double") << 0.1 + 0.2 << f64 << "0.30000000000000004";
        QTest::newRow("0.1 + 0.2 as float32") << 0.1 + 0.2 << f32 << "0.3";
        QTest::newRow("1/3 float") << double(1.0f / 3.0f) << f32 << "0.33333334";
        QTest::newRow("1/3 double") << 1.0 / 3.0 << f64 << "0.3333333333333333";
        QTest::newRow("2/3 double") << 2.0 / 3.0 << f64 << "0.6666666666666666";
        QTest::newRow("1e-5 float") << double(1e-5f) << f32 << "1e-05";
        QTest::newRow("1e-5 double") << 1e-5 << f64 << "1e-05";
        QTest::newRow("1.5e-5 double") << 1.5e-5 << f64 << "1.5e-05";
        QTest::newRow("0.0001 stays positional") << 0.0001 << f64 << "0.0001";
        QTest::newRow("0.00015 float") << double(0.00015f) << f32 << "0.00015";
        QTest::newRow("1e20f") << double(1e20f) << f32 << "1e+20";
        QTest::newRow("1e20 double") << 1e20 << f64 << "1e+20";
        QTest::newRow("1e16 double") << 1e16 << f64 << "1e+16";
        QTest::newRow("2^53 - 2 double, 16 digits positional") << 9007199254740990.0 << f64 << "9007199254740990";
        // Python and NumPy pad the shortest digits with zeros; the exact value is 999999986991104.
        QTest::newRow("1e15f padded") << double(1e15f) << f32 << "1000000000000000";
        QTest::newRow("123456789f") << double(123456789.0f) << f32 << "123456790";
        QTest::newRow("123456789.125 double") << 123456789.125 << f64 << "123456789.125";
        QTest::newRow("100") << 100.0 << f32 << "100";
        QTest::newRow("-2.5") << -2.5 << f64 << "-2.5";
        QTest::newRow("-0.3f") << double(-0.3f) << f32 << "-0.3";
        QTest::newRow("0") << 0.0 << f32 << "0";
        QTest::newRow("-0.0 float") << -0.0 << f32 << "-0";
        QTest::newRow("-0.0 double") << -0.0 << f64 << "-0";
        QTest::newRow("FLT_MAX") << double(FLT_MAX) << f32 << "3.4028235e+38";
        QTest::newRow("FLT_MAX as double") << double(FLT_MAX) << f64 << "3.4028234663852886e+38";
        QTest::newRow("DBL_MAX") << DBL_MAX << f64 << "1.7976931348623157e+308";
        QTest::newRow("FLT_MIN") << double(FLT_MIN) << f32 << "1.1754944e-38";
        QTest::newRow("smallest float denormal") << double(std::numeric_limits<float>::denorm_min()) << f32 << "1e-45";
        QTest::newRow("float denormal 3 ulp") << double(3 * std::numeric_limits<float>::denorm_min()) << f32 << "4e-45";
        QTest::newRow("smallest double denormal") << std::numeric_limits<double>::denorm_min() << f64 << "5e-324";
        QTest::newRow("1e-100 double") << 1e-100 << f64 << "1e-100";
        // A double outside float's range, asked for as float32: what the cast to float gives.
        QTest::newRow("1e-100 as float32 underflows") << 1e-100 << f32 << "0";
        QTest::newRow("1e300 as float32 overflows") << 1e300 << f32 << "inf";
        QTest::newRow("-1e300 as float32 overflows") << -1e300 << f32 << "-inf";
        QTest::newRow("just above FLT_MAX rounds to it") << double(FLT_MAX) * (1 + 1e-9) << f32 << "3.4028235e+38";
        QTest::newRow("nan float") << std::nan("") << f32 << "nan";
        QTest::newRow("-nan double") << -std::nan("") << f64 << "nan";
        QTest::newRow("inf") << kInf << f32 << "inf";
        QTest::newRow("-inf") << -kInf << f64 << "-inf";
    }

    void shortest()
    {
        QFETCH(double, value);
        QFETCH(DType, dtype);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(formatShortest(value, dtype)), expected);
    }

    void pythonFloat_data()
    {
        // What Python 3's repr() prints for the value (a float32 first read back as float32, as
        // torch.tensor([...]) rounds a Python float into a float32 tensor).
        QTest::addColumn<double>("value");
        QTest::addColumn<DType>("dtype");
        QTest::addColumn<QString>("expected");
        const DType f32 = DType::Float32, f64 = DType::Float64;
        QTest::newRow("0.3f") << double(0.3f) << f32 << "0.3";
        QTest::newRow("0.1") << 0.1 << f64 << "0.1";
        QTest::newRow("10") << 10.0 << f64 << "10.0";
        QTest::newRow("100") << 100.0 << f32 << "100.0";
        QTest::newRow("0") << 0.0 << f64 << "0.0";
        QTest::newRow("-0.0") << -0.0 << f32 << "-0.0";
        QTest::newRow("1e-5") << 1e-5 << f64 << "1e-05";
        QTest::newRow("1e-8") << 1e-8 << f64 << "1e-08";
        QTest::newRow("1e16") << 1e16 << f64 << "1e+16";
        QTest::newRow("1e15") << 1e15 << f64 << "1000000000000000.0";
        QTest::newRow("1.2345e20") << 1.2345e20 << f64 << "1.2345e+20";
        QTest::newRow("nan") << std::nan("") << f64 << "float('nan')";
        QTest::newRow("inf") << kInf << f32 << "float('inf')";
        QTest::newRow("-inf") << -kInf << f64 << "-float('inf')";
    }

    void pythonFloat()
    {
        QFETCH(double, value);
        QFETCH(DType, dtype);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(formatPythonFloat(value, dtype)), expected);
    }

    void significant_data()
    {
        // printf's "%.*g" (what QString::number(v, 'g', n) printed before), zero without a sign.
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("digits");
        QTest::addColumn<QString>("expected");
        QTest::newRow("2/3, 6") << 2.0 / 3.0 << 6 << "0.666667";
        QTest::newRow("2/3, 4") << 2.0 / 3.0 << 4 << "0.6667";
        QTest::newRow("0.3f, 6: the noise is below six digits") << double(0.3f) << 6 << "0.3";
        QTest::newRow("1e-5, 6") << 1e-5 << 6 << "1e-05";
        QTest::newRow("0.0001, 4") << 0.0001 << 4 << "0.0001";
        QTest::newRow("-1.25, 6") << -1.25 << 6 << "-1.25";
        QTest::newRow("123456, 6") << 123456.0 << 6 << "123456";
        QTest::newRow("1234567, 6") << 1234567.0 << 6 << "1.23457e+06";
        QTest::newRow("1234567, 4") << 1234567.0 << 4 << "1.235e+06";
        QTest::newRow("99999.5, 4 rounds up") << 99999.5 << 4 << "1e+05";
        QTest::newRow("0") << 0.0 << 6 << "0";
        QTest::newRow("-0") << -0.0 << 4 << "0";
        QTest::newRow("digits below 1 mean 1") << 2.0 / 3.0 << 0 << "0.7";
        QTest::newRow("digits above 17 mean 17") << 0.1 << 40 << "0.10000000000000001";
        QTest::newRow("nan") << std::nan("") << 6 << "nan";
        QTest::newRow("-inf") << -kInf << 4 << "-inf";
    }

    void significant()
    {
        QFETCH(double, value);
        QFETCH(int, digits);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(formatSignificant(value, digits)), expected);
    }

    void fixed_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("decimals");
        QTest::addColumn<QString>("expected");
        QTest::newRow("2/3, 2") << 2.0 / 3.0 << 2 << "0.67";
        QTest::newRow("3, 1") << 3.0 << 1 << "3.0";
        QTest::newRow("12.5, 0 ties to even") << 12.5 << 0 << "12";
        QTest::newRow("1e20, 1") << 1e20 << 1 << "100000000000000000000.0";
        QTest::newRow("-0.004, 2") << -0.004 << 2 << "-0.00";
        QTest::newRow("inf") << kInf << 2 << "inf";
    }

    void fixed()
    {
        QFETCH(double, value);
        QFETCH(int, decimals);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(formatFixed(value, decimals)), expected);
    }

    void floatsRoundTripBitForBit()
    {
        // Random bit patterns cover every exponent, denormals and both zeros alike.
        std::mt19937 rng(20260101);
        int checked = 0;
        for (int i = 0; i < 200000; ++i) {
            const std::uint32_t bits = rng();
            float f;
            std::memcpy(&f, &bits, sizeof f);
            if (!std::isfinite(f))
                continue;
            ++checked;
            const std::string text = formatShortest(double(f), DType::Float32);
            QVERIFY2(sameBits(std::strtof(text.c_str(), nullptr), f), text.c_str());
            QVERIFY2(significantDigits(text) <= 9, text.c_str());
            // The code panel's path: Python reads the literal as a double, torch rounds it to float.
            const std::string literal = formatPythonFloat(double(f), DType::Float32);
            QVERIFY2(sameBits(static_cast<float>(std::strtod(literal.c_str(), nullptr)), f), literal.c_str());
        }
        QVERIFY(checked > 190000);
    }

    void doublesRoundTripBitForBit()
    {
        std::mt19937_64 rng(20260102);
        int checked = 0;
        for (int i = 0; i < 200000; ++i) {
            const std::uint64_t bits = rng();
            double d;
            std::memcpy(&d, &bits, sizeof d);
            if (!std::isfinite(d))
                continue;
            ++checked;
            const std::string text = formatShortest(d, DType::Float64);
            QVERIFY2(sameBits(std::strtod(text.c_str(), nullptr), d), text.c_str());
            QVERIFY2(significantDigits(text) <= 17, text.c_str());
            const std::string literal = formatPythonFloat(d, DType::Float64);
            QVERIFY2(sameBits(std::strtod(literal.c_str(), nullptr), d), literal.c_str());
        }
        QVERIFY(checked > 199000);
    }

    void shortDecimalsStayShort()
    {
        // A short decimal reads back to its own float, so the shortest text of that float has at
        // most the decimal's digits: 6 digits for floats, 15 for doubles, at every exponent.
        std::mt19937_64 rng(20260103);
        std::uniform_int_distribution<int> floatExponent(-50, 32), doubleExponent(-330, 290);
        char decimal[64];
        for (int i = 0; i < 50000; ++i) {
            const long long floatMantissa = static_cast<long long>(rng() % 1000000);
            std::snprintf(decimal, sizeof decimal, "%llde%d", floatMantissa, floatExponent(rng));
            const float f = std::strtof(decimal, nullptr);
            const std::string floatText = formatShortest(double(f), DType::Float32);
            QVERIFY2(significantDigits(floatText) <= std::max(1, significantDigits(decimal)),
                     (std::string(decimal) + " -> " + floatText).c_str());
            QVERIFY(sameBits(std::strtof(floatText.c_str(), nullptr), f));

            const long long doubleMantissa = static_cast<long long>(rng() % 1000000000000000ULL);
            std::snprintf(decimal, sizeof decimal, "%llde%d", doubleMantissa, doubleExponent(rng));
            const double d = std::strtod(decimal, nullptr);
            const std::string doubleText = formatShortest(d, DType::Float64);
            QVERIFY2(significantDigits(doubleText) <= std::max(1, significantDigits(decimal)),
                     (std::string(decimal) + " -> " + doubleText).c_str());
            QVERIFY(sameBits(std::strtod(doubleText.c_str(), nullptr), d));
        }
    }
};

QTEST_APPLESS_MAIN(TestNumberFormat)
#include "test_number_format.moc"
