// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// .npz in and out: the archives numpy writes (tests/gen_npz_fixtures.py: np.savez, savez_compressed,
// ZIP64, Fortran order) read back bit for bit against numpy's own .npy of each array; damaged
// archives refused with one line naming the file; and what writeNpz writes checked structurally
// with libzip itself (stored members, the names, each member's bytes exactly writeNpy's).

#include "engine/core/error.h"
#include "engine/io/npy.h"
#include "engine/io/npz_reader.h"
#include "engine/io/npz_writer.h"
#include "engine/io/staged_outputs.h"
#include "tests/support/file_helpers.h"

#include <zip.h>

#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <sstream>

using namespace normscope;
using namespace normscope::test;

namespace {

std::string fixture(const QString& name)
{
    return std::string(NORMSCOPE_FIXTURE_DIR) + "/npz/" + name.toStdString();
}

/// The message of the Error `f` throws, or "" if it throws none.
template <typename F>
std::string refusal(F&& f)
{
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

QByteArray bytesOf(const AnyTensor& t)
{
    return std::visit(
        [](const auto& x) {
            return QByteArray(reinterpret_cast<const char*>(x.data()), int(x.numel() * sizeof(*x.data())));
        },
        t);
}

/// What writeNpy writes for t: the bytes an .npz member must hold.
template <typename T>
QByteArray npyBytes(const Tensor<T>& t)
{
    std::ostringstream out;
    writeNpy(out, t);
    const std::string s = out.str();
    return QByteArray(s.data(), int(s.size()));
}

/// One member as libzip sees it.
struct RawMember {
    QString name;
    int compression = -1;
    QByteArray bytes;
};

/// Every member of an archive, read by libzip with its strictest checks (CRC verified at the end).
std::vector<RawMember> rawMembers(const std::string& path, QString* error)
{
    int code = 0;
    zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!zip) {
        *error = "zip_open failed: " + QString::number(code);
        return {};
    }
    std::vector<RawMember> members;
    for (zip_int64_t i = 0; i < zip_get_num_entries(zip, 0); ++i) {
        zip_stat_t st;
        zip_stat_index(zip, zip_uint64_t(i), 0, &st);
        RawMember m{QString::fromUtf8(st.name), int(st.comp_method), QByteArray(int(st.size), '\0')};
        zip_file_t* f = zip_fopen_index(zip, zip_uint64_t(i), 0);
        const zip_int64_t n = f ? zip_fread(f, m.bytes.data(), st.size) : -1;
        char extra = 0;
        const zip_int64_t end = f ? zip_fread(f, &extra, 1) : -1;
        if (n != zip_int64_t(st.size) || end != 0)
            *error = "cannot read member " + m.name;
        if (f)
            zip_fclose(f);
        members.push_back(m);
    }
    zip_discard(zip);
    return members;
}

} // namespace

class TestNpz : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsWhatNumpyWrites_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("dtype"); // DType
        for (const char* key : {"x", "w", "s"})
            QTest::addRow("savez %s", key) << "savez" << key << int(key[0] == 'x' ? DType::Float32 : DType::Float64);
        QTest::newRow("savez_compressed x") << "compressed"
                                            << "x" << int(DType::Float64);
        QTest::newRow("savez_compressed non-finite") << "compressed"
                                                     << "m" << int(DType::Float32);
        QTest::newRow("fortran float64") << "fortran"
                                         << "f" << int(DType::Float64);
        QTest::newRow("fortran float32 rank 3") << "fortran"
                                                << "g" << int(DType::Float32);
        QTest::newRow("force_zip64 x") << "zip64_forced"
                                       << "x" << int(DType::Float32);
        QTest::newRow("force_zip64 y") << "zip64_forced"
                                       << "y" << int(DType::Float64);
        QTest::newRow("zip64 end record, deflated") << "zip64_full"
                                                    << "x" << int(DType::Float64);
        QTest::newRow("single member") << "single"
                                       << "data" << int(DType::Float32);
        QTest::newRow("no x: a") << "no_x"
                                 << "a" << int(DType::Float64);
        QTest::newRow("no x: b") << "no_x"
                                 << "b" << int(DType::Float64);
    }

    void readsWhatNumpyWrites()
    {
        QFETCH(QString, file);
        QFETCH(QString, key);
        QFETCH(int, dtype);
        NpzReader archive(fixture(file + ".npz"));
        const AnyTensor got = archive.read(key.toStdString());
        const AnyTensor expected = readNpy(fixture("expected/" + file + "." + key + ".npy"));
        QCOMPARE(int(dtypeOf(got)), dtype);
        QCOMPARE(int(dtypeOf(expected)), dtype);
        QCOMPARE(toString(shapeOf(got)), toString(shapeOf(expected)));
        // Bit for bit (NaN payloads and -0 included), in C order.
        QCOMPARE(bytesOf(got), bytesOf(expected));
    }

    void fortranOrderValues()
    {
        // Independently of numpy's twin: f[i, j] = (i*4 + j) * 10 + 0.25, stored column by column.
        const auto f = std::get<Tensor<double>>(NpzReader(fixture("fortran.npz")).read("f"));
        QCOMPARE(toString(f.shape()), std::string("(3, 4)"));
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 4; ++j)
                QCOMPARE(f[i * 4 + j], (i * 4 + j) * 10.0 + 0.25);
    }

    void listsKeysInArchiveOrder()
    {
        QCOMPARE(NpzReader(fixture("savez.npz")).keys(), (std::vector<std::string>{"x", "w", "s"}));
        QCOMPARE(NpzReader(fixture("bad_non_npy.npz")).keys(), (std::vector<std::string>{"x", "notes.txt", "y"}));
        QVERIFY(NpzReader(fixture("empty.npz")).keys().empty());
    }

    void picksTheInputMember()
    {
        QCOMPARE(NpzReader(fixture("single.npz")).pick(std::nullopt), std::string("data"));
        QCOMPARE(NpzReader(fixture("savez.npz")).pick(std::nullopt), std::string("x"));
        QCOMPARE(NpzReader(fixture("savez.npz")).pick(std::string("w")), std::string("w"));
        const std::string noX = fixture("no_x.npz");
        const std::string none = refusal([&] { NpzReader(noX).pick(std::nullopt); });
        QCOMPARE(QString::fromStdString(none),
                 QString::fromStdString(noX
                                        + ": holds 2 arrays and none is named 'x' (keys: a, b); name one with "
                                          "--input-key"));
        const std::string missing = refusal([&] { NpzReader(noX).pick(std::string("c")); });
        QCOMPARE(missing, noX + ": no array 'c' (keys: a, b)");
        QCOMPARE(refusal([&] { NpzReader(noX).read("z"); }), noX + ": no array 'z' (keys: a, b)");

        // readArrayFile: .npz by its extension, the rule above; a key for a .npy is refused.
        const AnyTensor viaDefault = readArrayFile(fixture("savez.npz"));
        QCOMPARE(bytesOf(viaDefault), bytesOf(readNpy(fixture("expected/savez.x.npy"))));
        const AnyTensor viaKey = readArrayFile(fixture("savez.npz"), std::string("w"));
        QCOMPARE(bytesOf(viaKey), bytesOf(readNpy(fixture("expected/savez.w.npy"))));
        const std::string npy = fixture("expected/savez.x.npy");
        QCOMPARE(refusal([&] { readArrayFile(npy, std::string("x")); }),
                 "--input-key 'x' needs an .npz input, got " + npy);
        QVERIFY(isNpzPath("a/B.NPZ") && isNpzPath("x.npz") && !isNpzPath("x.npy") && !isNpzPath("npz"));
    }

    void refusesDamagedArchives_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("key"); // empty: readArrayFile's default pick
        QTest::addColumn<QStringList>("mentions");
        QTest::newRow("truncated") << "bad_truncated.npz"
                                   << "" << QStringList{"damaged", "truncated"};
        QTest::newRow("CRC") << "bad_crc.npz"
                             << "x" << QStringList{"member 'x.npy'", "CRC"};
        QTest::newRow("text member") << "bad_non_npy.npz"
                                     << "notes.txt" << QStringList{"member 'notes.txt'", "not a .npy file"};
        QTest::newRow(".npy member holding text") << "bad_non_npy.npz"
                                                  << "y" << QStringList{"member 'y.npy'", "not a .npy file"};
        QTest::newRow("member data cut short")
            << "bad_member.npz"
            << "" << QStringList{"member 'x.npy'", "data is truncated", "needs 96 bytes"};
        QTest::newRow("a .npy named .npz") << "bad_not_zip.npz"
                                           << "" << QStringList{"not a zip archive"};
        QTest::newRow("no arrays") << "empty.npz"
                                   << "" << QStringList{"holds no arrays"};
        QTest::newRow("missing file") << "no_such.npz"
                                      << "" << QStringList{"no such file"};
        QTest::newRow("directory") << "expected.npz"
                                   << "" << QStringList{"is a directory"};
    }

    void refusesDamagedArchives()
    {
        QFETCH(QString, file);
        QFETCH(QString, key);
        QFETCH(QStringList, mentions);
        QTemporaryDir dir;
        std::string path = fixture(file);
        if (file == "expected.npz") {
            QVERIFY(QDir(dir.path()).mkdir("expected.npz"));
            path = dir.filePath("expected.npz").toStdString();
        }
        const std::optional<std::string> k = key.isEmpty() ? std::nullopt : std::optional(key.toStdString());
        const QString message = QString::fromStdString(refusal([&] { readArrayFile(path, k); }));
        QVERIFY2(message.startsWith(QString::fromStdString(path) + ": "), qPrintable("not refused: " + message));
        QVERIFY2(!message.contains('\n'), qPrintable(message));
        for (const QString& m : mentions)
            QVERIFY2(message.contains(m), qPrintable(message + "  (should mention " + m + ")"));
    }

    void refusesAMemberSizeTheArchiveCannotHold()
    {
        // compressed.npz's central directory claims 2 GiB for x.npy, which deflates to a few hundred
        // bytes: refused without allocating what the lie asks for.
        QByteArray bytes = fileContents(QString::fromStdString(fixture("compressed.npz")));
        const int central = bytes.indexOf(QByteArray("PK\x01\x02", 4));
        QVERIFY(central > 0);
        const char lie[4] = {0, 0, 0, char(0x7f)};
        bytes.replace(central + 24, 4, QByteArray(lie, 4));
        QTemporaryDir dir;
        const std::string path = dir.filePath("lie.npz").toStdString();
        QVERIFY(writeFileContents(QString::fromStdString(path), bytes));
        const std::string message = refusal([&] { NpzReader(path).read("x"); });
        QVERIFY2(QString::fromStdString(message).startsWith(QString::fromStdString(path) + ": "), message.c_str());
    }

    void survivesEveryTruncationAndByteChange()
    {
        // Each prefix, and each byte flipped, of a stored and a deflated archive: a tensor or an Error.
        QTemporaryDir dir;
        const std::string path = dir.filePath("cut.npz").toStdString();
        for (const char* name : {"savez.npz", "compressed.npz"}) {
            const QByteArray good = fileContents(QString::fromStdString(fixture(name)));
            for (int size = 0; size < good.size(); size += 3) {
                QVERIFY(writeFileContents(QString::fromStdString(path), good.left(size)));
                refusal([&] { readArrayFile(path); });
            }
            for (int at = 0; at < good.size(); at += 2) {
                QByteArray bad = good;
                bad[at] = char(bad[at] ^ 0x5a);
                QVERIFY(writeFileContents(QString::fromStdString(path), bad));
                refusal([&] {
                    NpzReader archive(path);
                    for (const std::string& key : archive.keys())
                        archive.read(key);
                });
            }
        }
    }

    void writesStoredMembersHoldingWriteNpysBytes()
    {
        Tensor<float> y({2, 3});
        for (int i = 0; i < 6; ++i)
            y[i] = float(i) * 0.3f - 1.0f;
        const Tensor<double> mean({3}, std::vector<double>{0.1, -2.5, 1e300});
        const Tensor<double> empty({0, 3});
        const std::int64_t count = 7;

        QTemporaryDir dir;
        const std::string path = dir.filePath("out.npz").toStdString();
        StagedOutputs outputs;
        outputs.stage(path, [&](std::ostream& out) {
            writeNpz(out,
                     {npzArray("y", y), npzArray("mean", AnyTensor(mean)), npzArray("empty", empty),
                      npzScalar("num_batches_tracked", count)});
        });
        outputs.commit();

        QString error;
        const std::vector<RawMember> members = rawMembers(path, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(int(members.size()), 4);
        const QStringList names{"y.npy", "mean.npy", "empty.npy", "num_batches_tracked.npy"};
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(members[i].name, names[i]);
            QCOMPARE(members[i].compression, int(ZIP_CM_STORE)); // as np.savez
        }
        QCOMPARE(members[0].bytes, npyBytes(y));
        QCOMPARE(members[1].bytes, npyBytes(mean));
        QCOMPARE(members[2].bytes, npyBytes(empty));
        // The int64 scalar, built by hand as np.save(f, np.int64(7)) writes it (136 bytes): the header
        // padded so that the data starts at byte 128, then 7.
        const QByteArray dict("{'descr': '<i8', 'fortran_order': False, 'shape': (), }");
        QByteArray scalar("\x93NUMPY\x01\x00", 8);
        scalar += char(128 - 10);
        scalar += '\0';
        scalar += dict + QByteArray(128 - 10 - int(dict.size()) - 1, ' ') + '\n';
        scalar += QByteArray("\x07\0\0\0\0\0\0\0", 8);
        QCOMPARE(members[3].bytes, scalar);

        // And the reader takes back what the writer wrote.
        NpzReader archive(path);
        QCOMPARE(bytesOf(archive.read("y")), bytesOf(AnyTensor(y)));
        QCOMPARE(bytesOf(archive.read("mean")), bytesOf(AnyTensor(mean)));
        QCOMPARE(toString(shapeOf(archive.read("empty"))), std::string("(0, 3)"));
    }

    void writesAnEmptyArchive()
    {
        std::ostringstream out;
        writeNpz(out, {});
        QCOMPARE(out.str(), std::string("PK\x05\x06", 4) + std::string(18, '\0'));
    }

    void refusesBadKeys()
    {
        const Tensor<float> y({1});
        std::ostringstream out;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writeNpz(out, {npzArray("", y)}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writeNpz(out, {npzArray("y", y), npzArray("y", y)}));
    }

    void aFailedCommitLeavesNoArchive()
    {
        // The .npz is one staged output: when another output of the command is refused, no .npz appears.
        QTemporaryDir dir;
        const Tensor<float> y({4});
        const std::string npz = dir.filePath("out.npz").toStdString();
        {
            StagedOutputs outputs;
            outputs.stage(npz, [&](std::ostream& out) { writeNpz(out, {npzArray("y", y)}); });
            QVERIFY_THROWS_EXCEPTION(Error, outputs.stageNpy(dir.path().toStdString(), y));
        }
        QCOMPARE(entriesOf(dir.path()), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestNpz)
#include "test_npz.moc"
