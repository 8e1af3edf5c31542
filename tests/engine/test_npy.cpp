// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/io/atomic_file.h"
#include "engine/core/error.h"
#include "engine/io/npy.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <stdexcept>

using namespace normscope;

namespace {

std::string fixture(const char* name)
{
    return std::string(NORMSCOPE_FIXTURE_DIR) + "/npy/" + name + ".npy";
}

QByteArray readBytes(const std::string& path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool writeBytes(const std::string& path, const QByteArray& bytes)
{
    QFile file(QString::fromStdString(path));
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

/// A .npy file built by hand, independently of the writer under test: magic, version, little-endian
/// header length, the dict padded with spaces and a newline to a multiple of 64, then the data.
QByteArray npyFile(const QByteArray& dict, const QByteArray& data = {}, int major = 1, bool pad = true)
{
    const int lengthBytes = major == 1 ? 2 : 4;
    QByteArray header = dict;
    if (pad) {
        const int unpadded = 8 + lengthBytes + int(dict.size()) + 1;
        header += QByteArray((64 - unpadded % 64) % 64, ' ') + '\n';
    }
    QByteArray out("\x93NUMPY", 6);
    out += char(major);
    out += char(0);
    for (int i = 0; i < lengthBytes; ++i)
        out += char((header.size() >> (8 * i)) & 0xff);
    return out + header + data;
}

QByteArray floats(std::initializer_list<float> values)
{
    QByteArray out;
    for (float v : values)
        out.append(reinterpret_cast<const char*>(&v), sizeof v);
    return out;
}

/// The message of the Error readNpy throws, or "" if it returned a tensor.
std::string refusal(const std::string& path)
{
    try {
        readNpy(path);
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

template <typename T>
const Tensor<T>& as(const AnyTensor& t)
{
    return std::get<Tensor<T>>(t);
}

bool sameBits(const AnyTensor& a, const AnyTensor& b)
{
    if (a.index() != b.index() || shapeOf(a) != shapeOf(b))
        return false;
    return std::visit(
        [&b](const auto& x) {
            using T = typename std::decay_t<decltype(x)>::value_type;
            const auto& y = std::get<Tensor<T>>(b);
            return x.numel() == y.numel()
                && (x.numel() == 0 || std::memcmp(x.data(), y.data(), sizeof(T) * std::size_t(x.numel())) == 0);
        },
        a);
}

} // namespace

class TestNpy : public QObject {
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void writesNumpysHeaderLayout();
    void numpyReadsWhatWeWrite();
    void readsFortranOrderLikeCOrder_data();
    void readsFortranOrderLikeCOrder();
    void readsVersion2And3();
    void readsRank0ZeroSizeAndNonFinite();
    void toleratesHeaderVariants_data();
    void toleratesHeaderVariants();
    void refusesMalformedFixtures_data();
    void refusesMalformedFixtures();
    void refusesMalformedFiles_data();
    void refusesMalformedFiles();
    void truncatedDataMessageIsExact();
    void refusesMissingFileAndDirectory();
    void survivesEveryTruncation();
    void survivesHeaderByteChanges();
    void writeNpyIntoMissingDirectoryFails();
};

void TestNpy::roundTrip_data()
{
    QTest::addColumn<bool>("isDouble");
    QTest::addColumn<QVector<qint64>>("shape");
    const QVector<QVector<qint64>> shapes = {{}, {5}, {2, 3}, {2, 3, 4}, {1, 2, 3, 2}, {2, 1, 2, 3, 2}};
    for (bool isDouble : {false, true})
        for (const auto& shape : shapes)
            QTest::addRow("%s rank %d", isDouble ? "float64" : "float32", int(shape.size())) << isDouble << shape;
}

void TestNpy::roundTrip()
{
    QFETCH(bool, isDouble);
    QFETCH(QVector<qint64>, shape);
    const Shape s(shape.begin(), shape.end());
    auto fill = [&s](auto tag) {
        using T = decltype(tag);
        Tensor<T> t(s);
        for (std::int64_t i = 0; i < t.numel(); ++i)
            t[i] = T(i) * T(0.37) - T(3.1);
        // Non-finite values travel unchanged; the caller decides what to do with them.
        if (t.numel() > 2) {
            t[0] = std::numeric_limits<T>::quiet_NaN();
            t[1] = -std::numeric_limits<T>::infinity();
        }
        return AnyTensor(t);
    };
    const AnyTensor original = isDouble ? fill(double()) : fill(float());

    QTemporaryDir dir;
    const std::string path = dir.filePath("t.npy").toStdString();
    writeNpy(path, original);
    const AnyTensor back = readNpy(path);
    QCOMPARE(dtypeOf(back), isDouble ? DType::Float64 : DType::Float32);
    QCOMPARE(shapeOf(back), s);
    QVERIFY(sameBits(original, back));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"t.npy"});
}

void TestNpy::writesNumpysHeaderLayout()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("x.npy").toStdString();
    writeNpy(path, Tensor<float>({2, 3}, 1.5f));
    const QByteArray bytes = readBytes(path);
    QVERIFY(bytes.startsWith(QByteArray("\x93NUMPY\x01\x00", 8)));
    const int headerLength = uchar(bytes[8]) | (uchar(bytes[9]) << 8);
    QCOMPARE((10 + headerLength) % 64, 0);
    QCOMPARE(int(bytes.size()), 10 + headerLength + 6 * 4);
    const QByteArray header = bytes.mid(10, headerLength);
    QVERIFY(header.endsWith('\n'));
    // Exactly the dict numpy writes for np.zeros((2, 3), '<f4').
    QCOMPARE(header.trimmed(), QByteArray("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"));
}

void TestNpy::numpyReadsWhatWeWrite()
{
    QProcess probe;
    probe.start("/usr/bin/python3", {"-c", "import numpy"});
    if (!probe.waitForFinished(60000) || probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0)
        QFAIL("/usr/bin/python3 with numpy is needed (the setup script installs python3-numpy)");

    QTemporaryDir dir;
    const std::string a = dir.filePath("a.npy").toStdString();
    const std::string b = dir.filePath("b.npy").toStdString();
    const std::string c = dir.filePath("c.npy").toStdString();
    Tensor<float> x({2, 3, 4});
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 3; ++j)
            for (int k = 0; k < 4; ++k)
                x[(i * 3 + j) * 4 + k] = float(i * 100 + j * 10 + k);
    writeNpy(a, x);
    writeNpy(b, Tensor<double>({}, -2.5));
    writeNpy(c, Tensor<double>({0, 3}));

    const char* script = R"(
import sys, numpy as np
a = np.load(sys.argv[1]); i, j, k = np.indices((2, 3, 4))
assert a.dtype == np.float32 and a.shape == (2, 3, 4) and (a == i * 100 + j * 10 + k).all(), a
b = np.load(sys.argv[2])
assert b.dtype == np.float64 and b.shape == () and b == -2.5, b
c = np.load(sys.argv[3])
assert c.dtype == np.float64 and c.shape == (0, 3), c
)";
    QProcess python;
    python.start("/usr/bin/python3",
                 {"-c", script, QString::fromStdString(a), QString::fromStdString(b), QString::fromStdString(c)});
    QVERIFY(python.waitForFinished(60000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
}

void TestNpy::readsFortranOrderLikeCOrder_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("float32 3D") << "f4_3d";
    QTest::newRow("float64 2D") << "f8_2d";
    QTest::newRow("float64 4D") << "f8_4d";
}

void TestNpy::readsFortranOrderLikeCOrder()
{
    QFETCH(QString, name);
    const AnyTensor c = readNpy(fixture(("c_" + name).toUtf8().constData()));
    const AnyTensor f = readNpy(fixture(("fortran_" + name).toUtf8().constData()));
    QVERIFY(sameBits(c, f));

    // The formulas gen_npy_fixtures.py used, recomputed here in C order.
    if (name == "f4_3d") {
        const auto& t = as<float>(f);
        QCOMPARE(t.shape(), Shape({2, 3, 4}));
        for (int i = 0; i < 2; ++i)
            for (int j = 0; j < 3; ++j)
                for (int k = 0; k < 4; ++k)
                    QCOMPARE(t[(i * 3 + j) * 4 + k], float(i * 100 + j * 10 + k));
    } else if (name == "f8_2d") {
        const auto& t = as<double>(f);
        QCOMPARE(t.shape(), Shape({3, 5}));
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 5; ++j)
                QCOMPARE(t[i * 5 + j], i * 10 + j + 0.25);
    } else {
        const auto& t = as<double>(f);
        QCOMPARE(t.shape(), Shape({2, 3, 2, 2}));
        for (int a = 0; a < 2; ++a)
            for (int b = 0; b < 3; ++b)
                for (int c2 = 0; c2 < 2; ++c2)
                    for (int d = 0; d < 2; ++d)
                        QCOMPARE(t[((a * 3 + b) * 2 + c2) * 2 + d], double(a * 1000 + b * 100 + c2 * 10 + d));
    }
}

void TestNpy::readsVersion2And3()
{
    const AnyTensor v2 = readNpy(fixture("v2_f8_1d"));
    QCOMPARE(shapeOf(v2), Shape({5}));
    for (int i = 0; i < 5; ++i)
        QCOMPARE(as<double>(v2)[i], i * 0.5);

    const AnyTensor v3 = readNpy(fixture("v3_f4_2d"));
    QCOMPARE(shapeOf(v3), Shape({2, 2}));
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j)
            QCOMPARE(as<float>(v3)[i * 2 + j], float(i - j * 0.5));
}

void TestNpy::readsRank0ZeroSizeAndNonFinite()
{
    const AnyTensor scalar = readNpy(fixture("rank0_f8"));
    QCOMPARE(shapeOf(scalar), Shape{});
    QCOMPARE(as<double>(scalar).numel(), std::int64_t(1));
    QCOMPARE(as<double>(scalar)[0], -2.5);

    const AnyTensor empty = readNpy(fixture("zero_size_f4"));
    QCOMPARE(shapeOf(empty), Shape({0, 3}));
    QCOMPARE(as<float>(empty).numel(), std::int64_t(0));

    const AnyTensor nonFinite = readNpy(fixture("nonfinite_f4"));
    const auto& t = as<float>(nonFinite);
    QCOMPARE(t.shape(), Shape({4}));
    QVERIFY(std::isnan(t[0]));
    QVERIFY(std::isinf(t[1]) && t[1] > 0);
    QVERIFY(std::isinf(t[2]) && t[2] < 0);
    QCOMPARE(t[3], 1.0f);
}

void TestNpy::toleratesHeaderVariants_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<bool>("fortran");
    const QByteArray two = floats({1.0f, 2.0f});
    QTest::newRow("keys in another order, double quotes")
        << npyFile(R"({"shape": (2,), "fortran_order": False, "descr": "<f4"})", two) << false;
    QTest::newRow("no trailing comma, no spaces")
        << npyFile("{'descr':'<f4','fortran_order':False,'shape':(2,)}", two) << false;
    QTest::newRow("tabs and newlines inside")
        << npyFile("{\t'descr' :\n'<f4' , 'fortran_order' : False ,\t'shape' : ( 2 , ) , }", two) << false;
    QTest::newRow("python 2 long dimension")
        << npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2L,), }", two) << false;
    QTest::newRow("no padding, no newline")
        << npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", two, 1, false) << false;
    QTest::newRow("format 2.0") << npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", two, 2)
                                << false;
    QTest::newRow("format 3.0") << npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", two, 3)
                                << false;
    QTest::newRow("fortran rank 1 is C order")
        << npyFile("{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }", two) << true;
    QTest::newRow("fortran (1, 2)") << npyFile("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 2), }", two)
                                    << true;
}

void TestNpy::toleratesHeaderVariants()
{
    QFETCH(QByteArray, file);
    QTemporaryDir dir;
    const std::string path = dir.filePath("v.npy").toStdString();
    QVERIFY(writeBytes(path, file));
    const AnyTensor read = readNpy(path);
    const auto& t = as<float>(read);
    QCOMPARE(t.numel(), std::int64_t(2));
    QCOMPARE(t[0], 1.0f);
    QCOMPARE(t[1], 2.0f);
}

void TestNpy::refusesMalformedFixtures_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("mentions");
    QTest::newRow("big-endian") << "bad_big_endian_f8" << QStringList{"'>f8'", "big-endian", "<f8"};
    QTest::newRow("int32") << "bad_int32" << QStringList{"'<i4'", "int32"};
    QTest::newRow("float16") << "bad_float16" << QStringList{"'<f2'", "float16"};
    QTest::newRow("structured") << "bad_structured" << QStringList{"structured"};
    QTest::newRow("object") << "bad_object" << QStringList{"'|O'", "object"};
    QTest::newRow("truncated data") << "bad_truncated_data"
                                    << QStringList{"data is truncated", "needs 96 bytes", "has 40"};
    QTest::newRow("extra data") << "bad_extra_data" << QStringList{"longer", "needs 96 bytes", "has 104"};
    QTest::newRow("bad magic") << "bad_magic" << QStringList{"not a .npy file", "magic"};
    QTest::newRow("huge header length") << "bad_huge_header" << QStringList{"4294967280", "absurdly large"};
}

void TestNpy::refusesMalformedFixtures()
{
    QFETCH(QString, name);
    QFETCH(QStringList, mentions);
    const std::string path = fixture(name.toUtf8().constData());
    const QString message = QString::fromStdString(refusal(path));
    QVERIFY2(message.startsWith(QString::fromStdString(path) + ": "), qPrintable(message));
    QVERIFY2(!message.contains('\n'), qPrintable(message));
    for (const QString& m : mentions)
        QVERIFY2(message.contains(m), qPrintable(message + "  (should mention " + m + ")"));
}

void TestNpy::refusesMalformedFiles_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QStringList>("mentions");
    auto header = [](const char* shape, const char* descr = "'<f4'", const char* fortran = "False") {
        return QByteArray("{'descr': ") + descr + ", 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
    };
    const QByteArray six = floats({1, 2, 3, 4, 5, 6});

    QTest::newRow("empty file") << QByteArray() << QStringList{"empty"};
    QTest::newRow("text file") << QByteArray("hello, world\n") << QStringList{"not a .npy file"};
    QTest::newRow("short magic") << QByteArray("\x93NU", 3) << QStringList{"magic"};
    QTest::newRow("ends in version") << QByteArray("\x93NUMPY\x01", 7) << QStringList{"truncated", "version"};
    QTest::newRow("version 4.0") << npyFile(header("(2, 3)"), six, 4) << QStringList{"version 4.0", "1.0, 2.0, 3.0"};
    QByteArray v11 = npyFile(header("(2, 3)"), six);
    v11[7] = 1;
    QTest::newRow("version 1.1") << v11 << QStringList{"version 1.1"};
    QTest::newRow("ends in length field")
        << QByteArray("\x93NUMPY\x01\x00\x40", 9) << QStringList{"truncated", "length"};
    QTest::newRow("v2 ends in length field") << QByteArray("\x93NUMPY\x02\x00\x40\x00", 10) << QStringList{"truncated"};
    QTest::newRow("header length past the end")
        << QByteArray("\x93NUMPY\x01\x00\xc8\x00{'descr': '<f4'", 25) << QStringList{"header is truncated", "200"};
    QByteArray justTooLong = npyFile(QByteArray(1 << 20, ' '), {}, 2, false);
    justTooLong[8] = 1; // header length 2^20 + 1, and the file really is that long
    QTest::newRow("header length 1 MiB + 1") << justTooLong + ' ' << QStringList{"1048577", "absurdly large"};
    QTest::newRow("empty header") << npyFile("", {}, 1, false) << QStringList{"malformed header", "'{'"};
    QTest::newRow("not a dict") << npyFile("[1, 2]") << QStringList{"malformed header", "'{'"};
    QTest::newRow("unclosed dict") << npyFile("{'descr': '<f4', ")
                                   << QStringList{"malformed header", "end of the header"};
    QTest::newRow("missing shape") << npyFile("{'descr': '<f4', 'fortran_order': False}")
                                   << QStringList{"malformed header", "missing key 'shape'"};
    QTest::newRow("missing descr") << npyFile("{'fortran_order': False, 'shape': ()}")
                                   << QStringList{"missing key 'descr'"};
    QTest::newRow("unknown key") << npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (), 'foo': 1}")
                                 << QStringList{"unknown key 'foo'"};
    QTest::newRow("duplicate key") << npyFile("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': ()}")
                                   << QStringList{"duplicate key 'descr'"};
    QTest::newRow("unterminated string") << npyFile("{'descr': '<f4, 'fortran_order': False, 'shape': (), }")
                                         << QStringList{"malformed header"};
    QTest::newRow("quote never closed") << npyFile("{'descr", {}, 1, false) << QStringList{"unterminated string"};
    QTest::newRow("missing colon") << npyFile("{'descr' '<f4', 'fortran_order': False, 'shape': ()}")
                                   << QStringList{"expected ':' after key 'descr'"};
    QTest::newRow("missing comma") << npyFile("{'descr': '<f4' 'fortran_order': False, 'shape': ()}")
                                   << QStringList{"expected ',' or '}'"};
    QTest::newRow("text after dict") << npyFile(header("(2, 3)") + " x", six) << QStringList{"unexpected text", "'x"};
    QTest::newRow("NUL in header") << npyFile(header("(2, 3)") + '\0', six) << QStringList{"unexpected text", "\\x00"};
    QTest::newRow("fortran_order yes") << npyFile(header("(2, 3)", "'<f4'", "yes"), six)
                                       << QStringList{"'fortran_order' must be True or False", "yes"};
    QTest::newRow("fortran_order true") << npyFile(header("(2, 3)", "'<f4'", "true"), six)
                                        << QStringList{"True or False"};
    QTest::newRow("descr not a string") << npyFile(header("(2, 3)", "4"), six)
                                        << QStringList{"'descr' must be a string"};
    QTest::newRow("shape a list") << npyFile(header("[2, 3]"), six) << QStringList{"'shape' must be a tuple"};
    QTest::newRow("shape a number") << npyFile(header("6"), six) << QStringList{"'shape' must be a tuple"};
    QTest::newRow("shape (6) not a tuple") << npyFile(header("(6)"), six) << QStringList{"not a tuple", "(6,)"};
    QTest::newRow("negative dimension") << npyFile(header("(2, -3)"), six) << QStringList{"negative dimension -3"};
    QTest::newRow("float dimension") << npyFile(header("(2.5, 3)"), six) << QStringList{"'2.5'", "not an integer"};
    QTest::newRow("hex dimension") << npyFile(header("(0x6,)"), six) << QStringList{"'0x6'", "not an integer"};
    QTest::newRow("lone sign") << npyFile(header("(-, 3)"), six) << QStringList{"not an integer"};
    QTest::newRow("empty dimension") << npyFile(header("(2, , 3)"), six) << QStringList{"expected a dimension"};
    QTest::newRow("unclosed shape") << npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3", six)
                                    << QStringList{"expected ',' or ')'"};
    QTest::newRow("dimension beyond int64") << npyFile(header("(99999999999999999999,)"), six)
                                            << QStringList{"99999999999999999999", "does not fit in int64"};
    QTest::newRow("product beyond int64")
        << npyFile(header("(4294967296, 4294967296)"), six) << QStringList{"overflows int64"};
    QTest::newRow("zero does not hide overflow")
        << npyFile(header("(4294967296, 4294967296, 0)"), {}) << QStringList{"overflows int64"};
    QTest::newRow("bytes beyond int64") << npyFile(header("(4611686018427387904,)", "'<f8'"), six)
                                        << QStringList{"more bytes than fit in int64"};
    QTest::newRow("rank 9") << npyFile(header("(1, 1, 1, 1, 1, 1, 1, 1, 1)"), floats({1}))
                            << QStringList{"more than 8 dimensions"};
    // A header claiming terabytes must be refused from the file size, not by trying to allocate.
    QTest::newRow("huge shape, small file") << npyFile(header("(1000000000, 1000)"), six)
                                            << QStringList{"data is truncated", "needs 4000000000000 bytes", "has 24"};
    QTest::newRow("truncated data") << npyFile(header("(2, 3)"), six.left(20))
                                    << QStringList{"needs 24 bytes", "has 20"};
    QTest::newRow("extra data") << npyFile(header("(2, 3)"), six + "x") << QStringList{"longer", "needs 24", "has 25"};
    QTest::newRow("rank 0 without data") << npyFile(header("()")) << QStringList{"shape () float32", "needs 4 bytes"};
    QTest::newRow("big-endian float32") << npyFile(header("(2, 3)", "'>f4'"), six)
                                        << QStringList{"'>f4'", "big-endian float32", "astype('<f4')"};
    QTest::newRow("'|f4' is not a float byte order") << npyFile(header("(2, 3)", "'|f4'"), six) << QStringList{"'|f4'"};
    QTest::newRow("native '=f4'") << npyFile(header("(2, 3)", "'=f4'"), six) << QStringList{"'=f4'"};
    QTest::newRow("int32") << npyFile(header("(2, 3)", "'<i4'"), six) << QStringList{"'<i4'", "int32"};
    QTest::newRow("float16") << npyFile(header("(2, 3)", "'<f2'"), six) << QStringList{"'<f2'", "float16"};
    QTest::newRow("complex64") << npyFile(header("(3,)", "'<c8'"), six) << QStringList{"'<c8'", "complex64"};
    QTest::newRow("object") << npyFile(header("(2,)", "'|O'"), six) << QStringList{"'|O'", "object"};
    QTest::newRow("structured") << npyFile(header("(2,)", "[('a', '<f4')]"), six) << QStringList{"structured"};
    QTest::newRow("odd descr") << npyFile(header("(2, 3)", "'<f\\n4'"), six) << QStringList{"unsupported dtype"};
}

void TestNpy::refusesMalformedFiles()
{
    QFETCH(QByteArray, file);
    QFETCH(QStringList, mentions);
    QTemporaryDir dir;
    const std::string path = dir.filePath("bad.npy").toStdString();
    QVERIFY(writeBytes(path, file));
    const QString message = QString::fromStdString(refusal(path));
    QVERIFY2(message.startsWith(QString::fromStdString(path) + ": "), qPrintable("not refused or unnamed: " + message));
    QVERIFY2(!message.contains('\n') && !message.contains('\r'), qPrintable(message));
    for (const QString& m : mentions)
        QVERIFY2(message.contains(m), qPrintable(message + "  (should mention " + m + ")"));
}

void TestNpy::truncatedDataMessageIsExact()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("x.npy").toStdString();
    QVERIFY(
        writeBytes(path, npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3, 4), }", QByteArray(40, 0))));
    QCOMPARE(refusal(path), path + ": data is truncated: shape (2, 3, 4) float32 needs 96 bytes, file has 40");
}

void TestNpy::refusesMissingFileAndDirectory()
{
    QTemporaryDir dir;
    const std::string missing = dir.filePath("nope.npy").toStdString();
    QCOMPARE(refusal(missing), missing + ": no such file");
    const std::string folder = dir.path().toStdString();
    QVERIFY(QString::fromStdString(refusal(folder)).contains("directory"));
}

void TestNpy::survivesEveryTruncation()
{
    const QByteArray good = readBytes(fixture("c_f4_3d"));
    QCOMPARE(int(good.size()), 128 + 96);
    QTemporaryDir dir;
    const std::string path = dir.filePath("cut.npy").toStdString();
    for (int length = 0; length < good.size(); ++length) {
        QVERIFY(writeBytes(path, good.left(length)));
        QVERIFY2(!refusal(path).empty(), qPrintable(QString("a file cut at %1 bytes was accepted").arg(length)));
    }
}

void TestNpy::survivesHeaderByteChanges()
{
    const QByteArray good = readBytes(fixture("c_f4_3d"));
    const int dataOffset = int(good.size()) - 96;
    QTemporaryDir dir;
    const std::string path = dir.filePath("fuzz.npy").toStdString();
    QVERIFY(writeBytes(path, good));
    // One byte is patched in place and put back: rewriting thousands of whole files is slow on ext4.
    QFile file(QString::fromStdString(path));
    QVERIFY(file.open(QIODevice::ReadWrite | QIODevice::Unbuffered));
    auto patch = [&file](int position, char c) { return file.seek(position) && file.write(&c, 1) == 1; };

    static const char specials[] = "()[]{},:'\"-+.0179LTF \n\t\x00\xff";
    QByteArray changes(specials, sizeof specials - 1);
    int accepted = 0, refused = 0;
    for (int position = 0; position < dataOffset; ++position) {
        QByteArray values = changes;
        for (int bit = 0; bit < 8; ++bit)
            values += char(good[position] ^ (1 << bit));
        for (char c : values) {
            QVERIFY(patch(position, c));
            try {
                const AnyTensor t = readNpy(path);
                // Whatever the header turned into, an accepted tensor must be self-consistent.
                const Shape& s = shapeOf(t);
                const std::int64_t n = std::visit([](const auto& x) { return x.numel(); }, t);
                QCOMPARE(n, numel(s));
                QVERIFY(s.size() <= 8);
                QCOMPARE(n * (dtypeOf(t) == DType::Float32 ? 4 : 8), std::int64_t(96));
                ++accepted;
            } catch (const Error&) {
                ++refused;
            } catch (const std::exception& e) {
                QFAIL(qPrintable(
                    QString("byte %1 set to %2: not an Error: %3").arg(position).arg(int(uchar(c))).arg(e.what())));
            }
        }
        QVERIFY(patch(position, good[position]));
    }
    QVERIFY(refused > 0);
    QVERIFY(accepted > 0); // padding and spacing changes keep the file valid
}

void TestNpy::writeNpyIntoMissingDirectoryFails()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("missing/x.npy").toStdString();
    try {
        writeNpy(path, Tensor<float>({2}, 1.0f));
        QFAIL("writing into a missing directory succeeded");
    } catch (const Error& e) {
        QVERIFY2(QString(e.what()).startsWith(QString::fromStdString(path)), e.what());
    }
    QVERIFY(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
}

QTEST_GUILESS_MAIN(TestNpy)
#include "test_npy.moc"
