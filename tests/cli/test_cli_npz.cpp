// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// normscope-cli forward and .npz: --npz-out holds every array of the pass under its contract name,
// each member byte for byte the .npy the single-array option writes in the same run (and PyTorch's
// numbers for a fixture case); --input X.npz --input-key K reads numpy's archives; every refusal
// exits 2 with one line and no file.

#include "engine/io/npy.h"
#include "engine/io/npz_reader.h"
#include "tests/support/file_helpers.h"
#include "tests/support/fixture_case.h"
#include "tests/support/fixture_check.h"
#include "tests/support/random_tensor.h"

#include <zip.h>

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>
#include <map>

using namespace normscope;
using namespace normscope::test;

namespace {

QString npzFixture(const QString& name)
{
    return QStringLiteral(NORMSCOPE_FIXTURE_DIR) + "/npz/" + name;
}

/// Each member's name and bytes, in archive order, as libzip reads them (CRC checked); empty on error.
std::vector<std::pair<QString, QByteArray>> members(const QString& path)
{
    std::vector<std::pair<QString, QByteArray>> out;
    int code = 0;
    zip_t* zip = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!zip)
        return out;
    for (zip_int64_t i = 0; i < zip_get_num_entries(zip, 0); ++i) {
        zip_stat_t st;
        zip_stat_index(zip, zip_uint64_t(i), 0, &st);
        QByteArray bytes(int(st.size), '\0');
        zip_file_t* f = zip_fopen_index(zip, zip_uint64_t(i), 0);
        char extra = 0;
        const bool ok =
            f && zip_fread(f, bytes.data(), st.size) == zip_int64_t(st.size) && zip_fread(f, &extra, 1) == 0;
        if (f)
            zip_fclose(f);
        if (!ok || st.comp_method != ZIP_CM_STORE) {
            out.clear();
            break;
        }
        out.emplace_back(QString::fromUtf8(st.name), bytes);
    }
    zip_discard(zip);
    return out;
}

/// The int64 scalar of a '<i8' shape () member (as np.save(f, np.int64(k)): a header padded to 128
/// bytes, then 8 bytes); -1 for anything else.
std::int64_t int64Scalar(const QByteArray& member)
{
    std::int64_t value = -1;
    if (member.size() == 136 && member.mid(10).startsWith("{'descr': '<i8', 'fortran_order': False, 'shape': ()"))
        std::memcpy(&value, member.constData() + 128, 8);
    return value;
}

} // namespace

class TestCliNpz : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(inputs_.isValid());
        writeNpy(inputs_.filePath("x32.npy").toStdString(), randomTensor<float>({2, 4, 3, 3}, 7));
        writeNpy(inputs_.filePath("g32.npy").toStdString(), randomTensor<float>({2, 4, 3, 3}, 8));
        writeNpy(inputs_.filePath("x64.npy").toStdString(), randomTensor<double>({2, 4, 3, 3}, 9, 3.0, 2.0));
        writeNpy(inputs_.filePath("g64.npy").toStdString(), randomTensor<double>({2, 4, 3, 3}, 10));
    }

    void npzHoldsEveryArrayOfThePass_data()
    {
        QTest::addColumn<QStringList>("module");
        QTest::addColumn<QString>("dtype");
        QTest::addColumn<bool>("gradients");
        QTest::addColumn<QStringList>("keys");
        QTest::newRow("batch, 3 steps, gradients")
            << QStringList{"--norm", "batch", "--steps", "3"} << "32" << true << QStringList{"y",
                                                                                             "mean",
                                                                                             "var",
                                                                                             "rstd",
                                                                                             "running_mean",
                                                                                             "running_var",
                                                                                             "num_batches_tracked",
                                                                                             "grad_input",
                                                                                             "grad_weight",
                                                                                             "grad_bias"};
        QTest::newRow("layer float64 without affine")
            << QStringList{"--norm", "layer", "--normalized-shape", "3,3", "--no-affine"} << "64" << true
            << QStringList{"y", "mean", "var", "rstd", "grad_input"};
        QTest::newRow("rms: no mean, no bias") << QStringList{"--norm", "rms", "--normalized-shape", "3"} << "32"
                                               << true << QStringList{"y", "var", "rstd", "grad_input", "grad_weight"};
        QTest::newRow("instance tracked, eval")
            << QStringList{"--norm", "instance", "--track-running-stats", "--eval", "--num-batches-tracked", "5"}
            << "64" << false
            << QStringList{"y", "mean", "var", "rstd", "running_mean", "running_var", "num_batches_tracked"};
        QTest::newRow("group") << QStringList{"--norm", "group", "--num-groups", "2"} << "32" << false
                               << QStringList{"y", "mean", "var", "rstd"};
    }

    void npzHoldsEveryArrayOfThePass()
    {
        QFETCH(QStringList, module);
        QFETCH(QString, dtype);
        QFETCH(bool, gradients);
        QFETCH(QStringList, keys);
        QTemporaryDir out;
        const QDir o(out.path());
        // The same run writes the .npz and every single-array file it can.
        const std::map<QString, QString> single{{"y", "--output"},
                                                {"mean", "--mean-out"},
                                                {"var", "--var-out"},
                                                {"grad_input", "--grad-input-out"},
                                                {"grad_weight", "--grad-weight-out"},
                                                {"grad_bias", "--grad-bias-out"}};
        QStringList args = QStringList{"forward", "--input", inputs_.filePath("x" + dtype + ".npy")} + module;
        if (gradients)
            args << "--grad-output" << inputs_.filePath("g" + dtype + ".npy");
        for (const QString& key : keys)
            if (single.count(key))
                args << single.at(key) << o.filePath(key + ".npy");
        if (keys.contains("running_mean"))
            args << "--state-out" << o.filePath("state");
        args << "--npz-out" << o.filePath("all.npz");
        const CliRun run = runCli(args);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        const auto archive = members(o.filePath("all.npz"));
        QStringList names;
        for (const auto& m : archive)
            names << m.first;
        QStringList expectedNames;
        for (const QString& key : keys)
            expectedNames << key + ".npy";
        QCOMPARE(names, expectedNames);
        for (const auto& [name, bytes] : archive) {
            const QString key = name.chopped(4);
            if (single.count(key))
                QVERIFY2(bytes == fileContents(o.filePath(name)), qPrintable(name + " differs from " + single.at(key)));
            else if (key == "running_mean" || key == "running_var")
                QVERIFY2(bytes == fileContents(o.filePath("state/" + name)), qPrintable(name));
            else if (key == "num_batches_tracked")
                QCOMPARE(QByteArray::number(qlonglong(int64Scalar(bytes))) + "\n",
                         fileContents(o.filePath("state/num_batches_tracked.txt")));
        }

        // rstd = 1 / sqrt(var + eps), in the input's dtype and the shape of --var-out.
        NpzReader npz(o.filePath("all.npz").toStdString());
        const AnyTensor var = npz.read("var"), rstd = npz.read("rstd");
        QCOMPARE(dtypeOf(rstd), dtype == "32" ? DType::Float32 : DType::Float64);
        QCOMPARE(toString(shapeOf(rstd)), toString(shapeOf(var)));
        const double eps = module.contains("rms") ? double(std::numeric_limits<float>::epsilon()) : 1e-5;
        std::visit(
            [&](const auto& v) {
                const auto& r = std::get<std::decay_t<decltype(v)>>(rstd);
                for (std::int64_t i = 0; i < v.numel(); ++i) {
                    const double expected = 1.0 / std::sqrt(double(v[i]) + eps);
                    QVERIFY2(std::abs(double(r[i]) - expected) <= 1e-6 * expected, qPrintable(QString::number(i)));
                }
            },
            var);
    }

    void npzMatchesPyTorch()
    {
        // A backward fixture case (PyTorch's numbers), its outputs taken from the .npz alone.
        const QString name = "batch2d_f32_train_affine_tracked_2x3x4x5";
        FixtureCase c;
        for (const FixtureCase& each : loadFixtureCases("backward"))
            if (each.name == name)
                c = each;
        QVERIFY2(!c.name.isEmpty(), qPrintable("missing fixture " + name));
        QTemporaryDir out;
        const QDir o(out.path());
        const CliRun run = runCli(QStringList{"forward"} + resolveArgs(c, out.path())
                                  + QStringList{"--npz-out", o.filePath("all.npz")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(QDir().mkpath(o.filePath("from_npz/state")));
        const std::map<QString, QString> expected{{"y", "output.npy"},
                                                  {"mean", "mean.npy"},
                                                  {"var", "var.npy"},
                                                  {"grad_input", "grad_input.npy"},
                                                  {"grad_weight", "grad_weight.npy"},
                                                  {"grad_bias", "grad_bias.npy"},
                                                  {"running_mean", "state/running_mean.npy"},
                                                  {"running_var", "state/running_var.npy"}};
        int compared = 0;
        for (const auto& [member, bytes] : members(o.filePath("all.npz"))) {
            const auto it = expected.find(member.chopped(4));
            if (it == expected.end())
                continue;
            const QString extracted = o.filePath("from_npz/" + it->second);
            QVERIFY(writeFileContents(extracted, bytes));
            const Comparison cmp =
                compareNpyFiles(extracted, c.dir + "/expected/" + it->second, kTolerance32, kTolerance64);
            QVERIFY2(cmp.ok, qPrintable(member + ": " + cmp.message));
            ++compared;
        }
        QCOMPARE(compared, int(expected.size()));
    }

    void npzOutAloneIsEnough()
    {
        QTemporaryDir out;
        const CliRun run = runCli({"forward", "--norm", "batch", "--input", inputs_.filePath("x32.npy"), "--npz-out",
                                   QDir(out.path()).filePath("a.npz")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(entriesOf(out.path()), QStringList{"a.npz"});
    }

    void readsNumpysArchivesAsInput_data()
    {
        QTest::addColumn<QString>("archive");
        QTest::addColumn<QStringList>("key"); // the --input-key option, or none
        QTest::addColumn<QString>("twin");    // numpy's .npy of the same array
        QTest::addColumn<QStringList>("module");
        const QStringList layer{"--norm", "layer", "--normalized-shape", "4"};
        QTest::newRow("savez, x by default") << "savez.npz" << QStringList{} << "savez.x.npy" << layer;
        QTest::newRow("savez, --input-key x")
            << "savez.npz" << QStringList{"--input-key", "x"} << "savez.x.npy" << layer;
        QTest::newRow("compressed float64")
            << "compressed.npz" << QStringList{} << "compressed.x.npy" << QStringList{"--norm", "batch"};
        QTest::newRow("Fortran order") << "fortran.npz" << QStringList{"--input-key", "f"} << "fortran.f.npy"
                                       << QStringList{"--norm", "batch"};
        QTest::newRow("ZIP64") << "zip64_full.npz" << QStringList{} << "zip64_full.x.npy"
                               << QStringList{"--norm", "instance"};
        QTest::newRow("only member") << "single.npz" << QStringList{} << "single.data.npy"
                                     << QStringList{"--norm", "rms", "--normalized-shape", "3"};
    }

    void readsNumpysArchivesAsInput()
    {
        QFETCH(QString, archive);
        QFETCH(QStringList, key);
        QFETCH(QString, twin);
        QFETCH(QStringList, module);
        QTemporaryDir out;
        const QDir o(out.path());
        const CliRun fromNpz = runForwardInProcess(QStringList{"--input", npzFixture(archive)} + key + module
                                                   + QStringList{"--output", o.filePath("a.npy")});
        QVERIFY2(fromNpz.exitCode == 0, qPrintable(fromNpz.err));
        const CliRun fromNpy = runForwardInProcess(QStringList{"--input", npzFixture("expected/" + twin)} + module
                                                   + QStringList{"--output", o.filePath("b.npy")});
        QVERIFY2(fromNpy.exitCode == 0, qPrintable(fromNpy.err));
        QCOMPARE(fileContents(o.filePath("a.npy")), fileContents(o.filePath("b.npy")));
    }

    void refusals_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        const QString x = inputs_.filePath("x32.npy");
        const QStringList batch{"forward", "--norm", "batch"};
        QTest::newRow("neither --output nor --npz-out") << batch + QStringList{"--input", x} << "--output";
        QTest::newRow("--input-key for a .npy")
            << batch + QStringList{"--input", x, "--input-key", "x", "--npz-out", "{out}/a.npz"} << "--input-key";
        QTest::newRow("missing key") << batch
                + QStringList{"--input", npzFixture("savez.npz"), "--input-key", "q", "--npz-out", "{out}/a.npz"}
                                     << "keys: x, w, s";
        QTest::newRow("no x among several")
            << batch + QStringList{"--input", npzFixture("no_x.npz"), "--output", "{out}/y.npy"} << "keys: a, b";
        QTest::newRow("truncated archive")
            << batch + QStringList{"--input", npzFixture("bad_truncated.npz"), "--npz-out", "{out}/a.npz"} << "damaged";
        QTest::newRow("CRC mismatch") << batch
                + QStringList{"--input", npzFixture("bad_crc.npz"), "--npz-out", "{out}/a.npz"}
                                      << "CRC";
        QTest::newRow("member not .npy") << batch + QStringList{"--input",     npzFixture("bad_non_npy.npz"),
                                                                "--input-key", "notes.txt",
                                                                "--npz-out",   "{out}/a.npz"}
                                         << "not a .npy file";
        QTest::newRow("--npz-out in a missing directory")
            << batch + QStringList{"--input", x, "--output", "{out}/y.npy", "--npz-out", "{out}/no/a.npz"}
            << "does not exist";
        QTest::newRow("--npz-out is a directory")
            << batch + QStringList{"--input", x, "--output", "{out}/y.npy", "--npz-out", "{out}"} << "is a directory";
        QTest::newRow("--npz-out is --output")
            << batch + QStringList{"--input", x, "--output", "{out}/y.npy", "--npz-out", "{out}/y.npy"} << "same file";
        QTest::newRow("empty --npz-out") << batch + QStringList{"--input", x, "--npz-out="} << "--npz-out";
    }

    void refusals()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        checkRefusal(args, runCli);
        QTemporaryDir out;
        QStringList resolved = args;
        for (QString& a : resolved)
            a.replace("{out}", out.path());
        const CliRun run = runCli(resolved);
        QVERIFY2(run.err.contains(mentions), qPrintable(run.err + "  (should mention " + mentions + ")"));
    }

private:
    QTemporaryDir inputs_;
};

QTEST_GUILESS_MAIN(TestCliNpz)
#include "test_cli_npz.moc"
