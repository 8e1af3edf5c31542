// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// normscope-cli's tables: forward --table-out in every format (the engine's table byte for byte,
// its numbers PyTorch's), refused extensions, and compare (the modules that ran, a refusal row,
// numbers checked against numpy and against forward's own outputs).

#include "engine/io/npy.h"
#include "engine/io/npz_reader.h"
#include "engine/kernels/forward.h"
#include "engine/report/group_summary.h"
#include "engine/report/statistics_table.h"
#include "engine/report/table_format.h"
#include "tests/support/file_helpers.h"
#include "tests/support/fixture_case.h"
#include "tests/support/random_tensor.h"
#include "tests/support/table_parsing.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>

using namespace normscope;
using namespace normscope::test;

namespace {

const QString kFixture = QStringLiteral(NORMSCOPE_FIXTURE_DIR);

std::string readText(const QString& path)
{
    return fileContents(path).toStdString();
}

/// A CSV table as column name -> one text per row.
std::map<std::string, std::vector<std::string>> columnsOf(const std::string& csv)
{
    const TextGrid grid = parseCsv(csv);
    std::map<std::string, std::vector<std::string>> out;
    for (std::size_t c = 0; c < grid.at(0).size(); ++c)
        for (std::size_t r = 1; r < grid.size(); ++r)
            out[grid[0][c]].push_back(grid[r].at(c));
    return out;
}

template <typename T>
std::vector<double> valuesOf(const QString& npy)
{
    const Tensor<T> t = std::get<Tensor<T>>(readNpy(npy.toStdString()));
    return std::vector<double>(t.values().begin(), t.values().end());
}

bool close(double actual, double expected, double tol)
{
    if (std::isnan(expected))
        return std::isnan(actual);
    return std::abs(actual - expected) <= tol * std::max(1.0, std::abs(expected));
}

} // namespace

class TestCliTables : public QObject {
    Q_OBJECT

private:
    QTemporaryDir inputs_;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(inputs_.isValid());
        writeNpy(inputs_.filePath("x32.npy").toStdString(), randomTensor<float>({4, 6, 5, 5}, 14, 2.0, 3.0));
        writeNpy(inputs_.filePath("x2d.npy").toStdString(), randomTensor<double>({4, 6}, 15));
    }

    void forwardWritesTheEnginesTableInEveryFormat_data()
    {
        QTest::addColumn<QString>("extension");
        for (const TableFormatInfo& f : tableFormats())
            QTest::newRow(f.extension) << QString(f.extension);
    }
    void forwardWritesTheEnginesTableInEveryFormat()
    {
        QFETCH(QString, extension);
        QTemporaryDir out;
        const QString table = out.filePath("stats" + extension);
        const CliRun run =
            runCli({"forward", "--norm", "group", "--num-groups", "3", "--input", inputs_.filePath("x32.npy"),
                    "--output", out.filePath("y.npy"), "--table-out", table});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        // The same pass in this process, through the engine's table and writer.
        NormSpec spec = NormSpec::defaults(NormKind::Group);
        spec.num_groups = 3;
        const Tensor<float> x = std::get<Tensor<float>>(readNpy(inputs_.filePath("x32.npy").toStdString()));
        NormState<float> state = NormState<float>::initial(spec, x.shape());
        const ForwardResult<float> r = forward(spec, x, state);
        const Table expected = statisticsTable(spec, x.shape(), DType::Float32, summarizeGroups(spec, x, r, state));
        QCOMPARE(readText(table), writeTable(expected, tableFormatForPath(table.toStdString())));
        QCOMPARE(entriesOf(out.path()), (QStringList{"stats" + extension, "y.npy"}));
    }

    void forwardTableHoldsPyTorchsNumbers()
    {
        // A PyTorch fixture (tests/gen_fixtures.py): BatchNorm2d, training, tracked, float32.
        const QString c = kFixture + "/forward/batch2d_f32_train_affine_tracked_mom0.1_2x3x4x5";
        QTemporaryDir out;
        const CliRun run =
            runCli({"forward", "--norm", "batch", "--input", c + "/input.npy", "--weight", c + "/weight.npy", "--bias",
                    c + "/bias.npy", "--output", out.filePath("y.npy"), "--table-out", out.filePath("t.csv")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        auto cols = columnsOf(readText(out.filePath("t.csv")));
        QCOMPARE(cols["group"], (std::vector<std::string>{"c=0", "c=1", "c=2"}));
        QCOMPARE(cols["count"], (std::vector<std::string>{"40", "40", "40"}));
        const std::vector<std::pair<std::string, QString>> checks{{"mean", "/expected/mean.npy"},
                                                                  {"var", "/expected/var.npy"},
                                                                  {"running_mean", "/expected/state/running_mean.npy"},
                                                                  {"running_var", "/expected/state/running_var.npy"}};
        for (const auto& [column, file] : checks) {
            const std::vector<double> want = valuesOf<float>(c + file);
            QCOMPARE(cols[column].size(), want.size());
            for (std::size_t i = 0; i < want.size(); ++i)
                QVERIFY2(close(*readNumber(cols[column][i], DType::Float32), want[i], 5e-6),
                         qPrintable(QString("%1[%2] = %3, PyTorch %4")
                                        .arg(column.c_str())
                                        .arg(i)
                                        .arg(cols[column][i].c_str())
                                        .arg(want[i])));
        }
        // rstd = 1 / sqrt(var + eps); y's mean per channel is beta's (gamma * 0 + beta).
        const std::vector<double> var = valuesOf<float>(c + "/expected/var.npy");
        const std::vector<double> beta = valuesOf<float>(c + "/bias.npy");
        for (std::size_t i = 0; i < 3; ++i) {
            QVERIFY(close(*readNumber(cols["rstd"][i], DType::Float32), 1 / std::sqrt(var[i] + 1e-5), 5e-6));
            QVERIFY(close(*readNumber(cols["y_mean"][i], DType::Float32), beta[i], 1e-5));
        }
    }

    void unknownExtensionIsRefusedBeforeAnyWrite_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("forward") << "forward";
        QTest::newRow("compare") << "compare";
    }
    void unknownExtensionIsRefusedBeforeAnyWrite()
    {
        QFETCH(QString, command);
        QTemporaryDir out;
        QStringList args{command, "--input", inputs_.filePath("x32.npy"), "--table-out", out.filePath("t.xlsx")};
        if (command == "forward")
            args << "--norm"
                 << "batch"
                 << "--output" << out.filePath("y.npy");
        const CliRun run = runCli(args);
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY2(run.err.contains("'.xlsx'") && run.err.contains(".csv, .tsv, .md, .tex, .json, .html"),
                 qPrintable(run.err));
        QCOMPARE(entriesOf(out.path()), QStringList());
    }

    void aTableThatCannotBeWrittenLeavesNoOtherOutput()
    {
        QTemporaryDir out;
        QVERIFY(QDir(out.path()).mkdir("t.csv"));
        const CliRun run = runCli({"forward", "--norm", "batch", "--input", inputs_.filePath("x32.npy"), "--output",
                                   out.filePath("y.npy"), "--table-out", out.filePath("t.csv")});
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(entriesOf(out.path()), QStringList{"t.csv"});
    }

    void compareNamesTheModulesThatRan()
    {
        QTemporaryDir out;
        const CliRun run =
            runCli({"compare", "--input", inputs_.filePath("x32.npy"), "--table-out", out.filePath("c.json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject o = QJsonDocument::fromJson(fileContents(out.filePath("c.json"))).object();
        QCOMPARE(o.value("format").toString(), QString("normscope-table"));
        QCOMPARE(o.value("dtype").toString(), QString("float32"));
        QCOMPARE(o.value("spec").toObject().value("num_groups").toInt(), 2);
        const QJsonArray rows = o.value("rows").toArray();
        QCOMPARE(rows.size(), 5);
        const QStringList norms{"batch", "layer", "instance", "group", "rms"};
        const QStringList modules{"BatchNorm2d(6)", "LayerNorm([6, 5, 5])", "InstanceNorm2d(6, affine=True)",
                                  "GroupNorm(2, 6)", "RMSNorm([6, 5, 5], eps=1e-05)"};
        const QList<int> groups{6, 4, 24, 8, 4}, sizes{100, 150, 25, 75, 150};
        const QStringList reduced{"N, H, W", "C, H, W", "H, W", "C/G, H, W", "C, H, W"};
        for (int i = 0; i < 5; ++i) {
            const QJsonArray row = rows[i].toArray();
            QCOMPARE(row[0].toString(), norms[i]);
            QCOMPARE(row[1].toString(), modules[i]);
            QCOMPARE(row[2].toInt(), groups[i]);
            QCOMPARE(row[3].toInt(), sizes[i]);
            QCOMPARE(row[4].toString(), reduced[i]);
            QCOMPARE(row[5].isNull(), i == 4); // RMSNorm has no mean
        }
        // The shared options reach every module that takes them.
        const CliRun custom =
            runCli({"compare", "--input", inputs_.filePath("x32.npy"), "--num-groups", "3", "--normalized-shape", "5,5",
                    "--eps", "0.5", "--no-affine", "--eval", "--table-out", out.filePath("c.csv")});
        QVERIFY2(custom.exitCode == 0, qPrintable(custom.err));
        auto cols = columnsOf(readText(out.filePath("c.csv")));
        QCOMPARE(cols["module"],
                 (std::vector<std::string>{"BatchNorm2d(6, eps=0.5, affine=False)",
                                           "LayerNorm([5, 5], eps=0.5, elementwise_affine=False)",
                                           "InstanceNorm2d(6, eps=0.5)", "GroupNorm(3, 6, eps=0.5, affine=False)",
                                           "RMSNorm([5, 5], eps=0.5, elementwise_affine=False)"}));
        // eval: BatchNorm normalises with its initial running statistics (0 and 1).
        QCOMPARE(cols["mean_min"][0], std::string("0"));
        QCOMPARE(cols["var_max"][0], std::string("1"));
    }

    void compareNumbersAreNumpys()
    {
        // tests/gen_compare_fixture.py: float64 (4, 6, 5, 5), expected values computed by numpy.
        QTemporaryDir out;
        const CliRun run =
            runCli({"compare", "--input", kFixture + "/compare/x.npy", "--table-out", out.filePath("c.csv")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        auto got = columnsOf(readText(out.filePath("c.csv")));
        auto want = columnsOf(readText(kFixture + "/compare/expected.csv"));
        QCOMPARE(got["norm"], want["norm"]);
        for (const char* column : {"mean_min", "mean_max", "var_min", "var_max", "y_mean", "y_std"})
            for (std::size_t i = 0; i < want["norm"].size(); ++i) {
                const double expected = *readNumber(want[column][i], DType::Float64);
                const std::string text = got[column][i];
                const double actual = text.empty() ? std::nan("") : *readNumber(text, DType::Float64);
                QVERIFY2(close(actual, expected, 1e-12),
                         qPrintable(QString("%1 %2: %3, numpy %4")
                                        .arg(want["norm"][i].c_str(), column, text.c_str(), want[column][i].c_str())));
            }
    }

    void compareRangesAreForwardsStatistics_data()
    {
        QTest::addColumn<QStringList>("forwardArgs");
        QTest::newRow("batch") << QStringList{"--norm", "batch"};
        QTest::newRow("layer") << QStringList{"--norm", "layer", "--normalized-shape", "6,5,5"};
        QTest::newRow("instance") << QStringList{"--norm", "instance", "--affine"};
        QTest::newRow("group") << QStringList{"--norm", "group", "--num-groups", "2"};
        QTest::newRow("rms") << QStringList{"--norm", "rms", "--normalized-shape", "6,5,5", "--eps", "1e-5"};
    }
    void compareRangesAreForwardsStatistics()
    {
        QFETCH(QStringList, forwardArgs);
        QTemporaryDir out;
        const QString x = inputs_.filePath("x32.npy");
        QVERIFY(runCli({"compare", "--input", x, "--table-out", out.filePath("c.csv")}).exitCode == 0);
        const CliRun run = runCli(
            QStringList{"forward", "--input", x, "--output", out.filePath("y.npy"), "--var-out", out.filePath("v.npy")}
            + forwardArgs);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        auto cols = columnsOf(readText(out.filePath("c.csv")));
        const auto at = std::find(cols["norm"].begin(), cols["norm"].end(), forwardArgs[1].toStdString());
        const std::size_t row = std::size_t(at - cols["norm"].begin());
        const std::vector<double> var = valuesOf<float>(out.filePath("v.npy"));
        const auto [lo, hi] = std::minmax_element(var.begin(), var.end());
        QVERIFY(sameInDtype(*readNumber(cols["var_min"][row], DType::Float32), *lo, DType::Float32));
        QVERIFY(sameInDtype(*readNumber(cols["var_max"][row], DType::Float32), *hi, DType::Float32));
        const std::vector<double> y = valuesOf<float>(out.filePath("y.npy"));
        double sum = 0;
        for (double v : y)
            sum += v;
        const double mean = sum / double(y.size());
        double ss = 0;
        for (double v : y)
            ss += (v - mean) * (v - mean);
        QVERIFY(close(*readNumber(cols["y_mean"][row], DType::Float32), mean, 1e-6));
        QVERIFY(close(*readNumber(cols["y_std"][row], DType::Float32), std::sqrt(ss / double(y.size() - 1)), 1e-6));
    }

    void compareNpzHoldsEachModulesOutput()
    {
        // Each y_ member is the output forward writes for that module; a module that refuses the
        // input (InstanceNorm on rank 2) has no member. The input comes from an .npz member.
        QTemporaryDir out;
        const QString npzIn = kFixture + QStringLiteral("/npz/single.npz"); // rank 2, one member
        NpzReader in(npzIn.toStdString());
        const Shape shape = std::visit([](const auto& t) { return t.shape(); }, in.read(in.pick(std::nullopt)));
        const CliRun run = runCli(
            {"compare", "--input", npzIn, "--table-out", out.filePath("c.csv"), "--npz-out", out.filePath("c.npz")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        NpzReader written(out.filePath("c.npz").toStdString());
        const bool instanceRuns = shape.size() >= 3;
        std::vector<std::string> expected{"y_batch", "y_layer"};
        if (instanceRuns)
            expected.push_back("y_instance");
        expected.insert(expected.end(), {"y_group", "y_rms"});
        QCOMPARE(written.keys(), expected);
        const auto cols = columnsOf(readText(out.filePath("c.csv")));
        for (const char* norm : {"batch", "layer", "group"}) {
            QStringList args{"forward", "--norm", norm, "--input", npzIn, "--output", out.filePath("y.npy")};
            const auto at = std::find(cols.at("norm").begin(), cols.at("norm").end(), std::string(norm));
            const std::string module = cols.at("module")[std::size_t(at - cols.at("norm").begin())];
            if (std::string(norm) == "group")
                args << "--num-groups" << QString::fromStdString(module.substr(10, module.find(',') - 10));
            if (std::string(norm) == "layer") {
                QStringList dims;
                for (std::size_t d = 1; d < shape.size(); ++d)
                    dims << QString::number(shape[d]);
                args << "--normalized-shape" << dims.join(QLatin1Char(','));
            }
            const CliRun forward = runCli(args);
            QVERIFY2(forward.exitCode == 0, qPrintable(forward.err));
            QCOMPARE(valuesOf<float>(out.filePath("y.npy")),
                     std::visit([](const auto& t) { return std::vector<double>(t.values().begin(), t.values().end()); },
                                written.read(std::string("y_") + norm)));
        }
    }

    void aModuleThatRefusesTheInputGetsARefusalRow()
    {
        QTemporaryDir out;
        const CliRun run =
            runCli({"compare", "--input", inputs_.filePath("x2d.npy"), "--table-out", out.filePath("c.csv")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const TextGrid grid = parseCsv(readText(out.filePath("c.csv")));
        QCOMPARE(grid.size(), std::size_t(6));
        const std::vector<std::string>& instance = grid[3];
        QCOMPARE(instance[0], std::string("instance"));
        QVERIFY2(instance[1].find("InstanceNorm") != std::string::npos
                     && instance[1].find("got 2D input of shape (4, 6)") != std::string::npos,
                 instance[1].c_str());
        for (std::size_t c = 2; c < instance.size(); ++c)
            QCOMPARE(instance[c], std::string());
        QCOMPARE(grid[1][1], std::string("BatchNorm1d(6)"));
        QCOMPARE(grid[4][1], std::string("GroupNorm(2, 6)"));
        // A num_groups that does not divide C: GroupNorm's row says so, the others run.
        const CliRun four = runCli({"compare", "--input", inputs_.filePath("x2d.npy"), "--num-groups", "4",
                                    "--table-out", out.filePath("d.csv")});
        QCOMPARE(four.exitCode, 0);
        const TextGrid d = parseCsv(readText(out.filePath("d.csv")));
        QVERIFY2(d[4][1].find("num_groups (4) must divide num_channels (6)") != std::string::npos
                     || d[4][1].find("divisible") != std::string::npos,
                 d[4][1].c_str());
        QCOMPARE(d[1][1], std::string("BatchNorm1d(6)"));
    }

    void compareRefusesBadOptionsWithoutWriting_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("named");
        QTest::newRow("no table") << QStringList{} << "--table-out";
        QTest::newRow("num_groups 0") << QStringList{"--num-groups", "0", "--table-out", "{out}/c.csv"} << "num_groups";
        QTest::newRow("eps nan") << QStringList{"--eps", "nan", "--table-out", "{out}/c.csv"} << "eps";
        QTest::newRow("a forward option")
            << QStringList{"--momentum", "0.5", "--table-out", "{out}/c.csv"} << "--momentum";
        QTest::newRow("contradiction") << QStringList{"--affine", "--no-affine", "--table-out", "{out}/c.csv"}
                                       << "contradict";
    }
    void compareRefusesBadOptionsWithoutWriting()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, named);
        QTemporaryDir out;
        args.replaceInStrings("{out}", out.path());
        const CliRun run = runCli(QStringList{"compare", "--input", inputs_.filePath("x32.npy")} + args);
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY2(run.err.contains(named), qPrintable(run.err));
        QCOMPARE(entriesOf(out.path()), QStringList());
    }

    void compareWarnsOnceOfADegenerateInput()
    {
        QTemporaryDir out;
        Tensor<float> x = randomTensor<float>({2, 4, 3}, 3);
        x[5] = std::nanf("");
        writeNpy(out.filePath("x.npy").toStdString(), x);
        const CliRun run = runCli({"compare", "--input", out.filePath("x.npy"), "--table-out", out.filePath("c.csv")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.err.count("normscope-cli: warning: the input has"), 1);
        QCOMPARE(run.err.count('\n'), 1);
        // The NaN reaches every module's statistics (as torch.amin, a range with a NaN is NaN).
        auto cols = columnsOf(readText(out.filePath("c.csv")));
        for (std::size_t i = 0; i < 5; ++i) {
            QCOMPARE(cols["var_max"][i], std::string("nan"));
            QCOMPARE(cols["y_mean"][i], std::string("nan"));
        }
    }

    void compareHelpListsItsOptions()
    {
        const CliRun run = runCli({"compare", "--help"});
        QCOMPARE(run.exitCode, 0);
        for (const char* option : {"--input", "--num-groups", "--normalized-shape", "--eps", "--affine", "--no-affine",
                                   "--eval", "--table-out"})
            QVERIFY2(run.out.contains(option), option);
    }
};

QTEST_GUILESS_MAIN(TestCliTables)
#include "test_cli_tables.moc"
