// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "../support/file_helpers.h"
#include "engine/core/error.h"
#include "engine/io/npy.h"
#include "ui/document/document.h"
#include "ui/document/session_file.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <cstring>
#include <limits>
#include <random>

using namespace normscope;
using namespace normscope::ui;
using normscope::test::fileContents;
using normscope::test::writeFileContents;

namespace {

bool sameBitsOf(const Tensor<double>& a, const Tensor<double>& b)
{
    return a.shape() == b.shape()
        && std::memcmp(a.data(), b.data(), static_cast<std::size_t>(a.numel()) * sizeof(double)) == 0;
}

/// The two documents' results hold the same numbers bit for bit: x, y and every statistic.
void checkSameResult(const Document& a, const Document& b)
{
    const ResultPtr ra = a.result(), rb = b.result();
    QVERIFY(ra && rb);
    QVERIFY2(ra->ok(), ra->error.c_str());
    QVERIFY(rb->ok());
    QVERIFY(sameBitsOf(ra->input.widened(), rb->input.widened()));
    QVERIFY(sameBitsOf(ra->output.widened(), rb->output.widened()));
    QVERIFY(sameBitsOf(ra->mean, rb->mean));
    QVERIFY(sameBitsOf(ra->var, rb->var));
    QVERIFY(sameBitsOf(ra->rstd, rb->rstd));
    QVERIFY(sameBitsOf(ra->running_mean, rb->running_mean));
    QVERIFY(sameBitsOf(ra->running_var, rb->running_var));
    QCOMPARE(ra->num_batches_tracked, rb->num_batches_tracked);
    QCOMPARE(ra->running_mean_history.size(), rb->running_mean_history.size());
    for (std::size_t i = 0; i < ra->running_mean_history.size(); ++i)
        QVERIFY(sameBitsOf(ra->running_mean_history[i], rb->running_mean_history[i]));
}

Experiment small(NormKind kind, DType dtype)
{
    Experiment e = Experiment::demo();
    e.shape = {3, 4, 2, 3};
    e.dtype = dtype;
    e.spec = defaultSpecFor(kind, e.shape);
    return e;
}

void steps(Document& document, int count)
{
    for (int i = 0; i < count; ++i)
        document.step(i % 2 == 1); // every second one on a fresh batch: the seed moves too
    QVERIFY(document.waitUntilIdle());
}

/// Saves the document's experiment, reads it back and checks it and its result bit for bit.
Session roundTrip(const Document& document, const QString& path, const SessionView& view = {})
{
    writeSessionFile(Session{document.experiment(), view}, path);
    const Session back = readSessionFile(path);
    return back;
}

QByteArray edited(const QByteArray& json, const std::function<void(QJsonObject&)>& change)
{
    QJsonObject root = QJsonDocument::fromJson(json).object();
    change(root);
    return QJsonDocument(root).toJson();
}

} // namespace

class TestSessionFile : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    QString path(const char* name) const { return dir_.filePath(QLatin1String(name)); }

    /// Expects sessionFromJson to refuse json with a message naming the file and containing reason.
    void expectRefused(const QByteArray& json, const char* reason)
    {
        const QString file = path("bad.normscope");
        QVERIFY(writeFileContents(file, json));
        try {
            readSessionFile(file);
            QFAIL(qPrintable(QStringLiteral("accepted; expected a refusal with: ") + QLatin1String(reason)));
        } catch (const Error& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.startsWith(file + QStringLiteral(": ")), qPrintable(message));
            QVERIFY2(message.contains(QLatin1String(reason)), qPrintable(message));
        }
    }

private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    /// Every double comes back with the same bits: shortest round-trip text, -0 as -0.0.
    void doublesRoundTripBitForBit()
    {
        std::vector<double> values{0.0,
                                   -0.0,
                                   0.1 + 0.2,
                                   1e-5,
                                   1.0 / 3.0,
                                   123456789012345678.0,
                                   9007199254740993.0,
                                   std::numeric_limits<double>::max(),
                                   std::numeric_limits<double>::lowest(),
                                   std::numeric_limits<double>::min(),
                                   std::numeric_limits<double>::denorm_min(),
                                   -std::numeric_limits<double>::denorm_min(),
                                   static_cast<double>(0.3f)};
        std::mt19937_64 random(14);
        while (values.size() < 20000) {
            std::uint64_t bits = random();
            double v;
            std::memcpy(&v, &bits, sizeof v);
            if (std::isfinite(v))
                values.push_back(v);
        }
        Experiment e = small(NormKind::Batch, DType::Float64);
        e.shape = {2, static_cast<std::int64_t>(values.size()), 1};
        e.spec = defaultSpecFor(NormKind::Batch, e.shape);
        e.weight = values;
        e.bias = values;
        std::reverse(e.bias.begin(), e.bias.end());
        e.running_mean = values;
        e.running_var = e.bias;
        e.recipe.mean = -0.0;
        e.recipe.std = std::numeric_limits<double>::denorm_min();
        const Session back = sessionFromJson(sessionToJson(Session{e, {}}), QStringLiteral("doubles.normscope"));
        QVERIFY(sameBits(back.experiment, e));
        QVERIFY(std::signbit(back.experiment.weight[1]));
        QVERIFY(std::signbit(back.experiment.recipe.mean));
    }

    void nonFiniteParametersSurvive()
    {
        Experiment e = small(NormKind::Batch, DType::Float32);
        const double nan = std::numeric_limits<double>::quiet_NaN(), inf = HUGE_VAL;
        e.weight = {nan, inf, -inf, 1.5};
        e.bias = {0.0, -0.0, nan, -inf};
        const QByteArray json = sessionToJson(Session{e, {}});
        QVERIFY(json.contains("\"weight\": [\"NaN\", \"Infinity\", \"-Infinity\", 1.5]"));
        const Experiment back = sessionFromJson(json, QStringLiteral("nan.normscope")).experiment;
        QVERIFY(std::isnan(back.weight[0]));
        QCOMPARE(back.weight[1], inf);
        QCOMPARE(back.weight[2], -inf);
        QVERIFY(std::isnan(back.bias[2]));
        QCOMPARE(back.bias[3], -inf);
        QVERIFY(std::signbit(back.bias[1]));
    }

    void generatedInputWithHistory_data()
    {
        QTest::addColumn<int>("dtype");
        QTest::newRow("float32") << int(DType::Float32);
        QTest::newRow("float64") << int(DType::Float64);
    }
    void generatedInputWithHistory()
    {
        QFETCH(int, dtype);
        Document document(small(NormKind::Batch, DType(dtype)));
        document.setEps(0.001);
        document.setMomentum(std::nullopt); // cumulative average: num_batches_tracked matters
        document.setWeight(2, 0.1 + 0.2);
        document.setBias(1, -1.0 / 3.0);
        steps(document, 5);
        QCOMPARE(document.experiment().running_mean_history.size(), std::size_t(6));
        const SessionView view{2, true, 1, false, 17};
        const Session back = roundTrip(document, path("generated.normscope"), view);
        QVERIFY(sameBits(back.experiment, document.experiment()));
        QVERIFY(back.view == view);
        QCOMPARE(back.experiment.recipe.seed, document.experiment().recipe.seed); // the fresh batches' seed
        QCOMPARE(back.experiment.num_batches_tracked, std::int64_t(5));
        Document reopened(back.experiment);
        checkSameResult(document, reopened);
        // Eval mode uses the running statistics the file restored.
        document.setMode(Mode::Eval);
        reopened.setMode(Mode::Eval);
        QVERIFY(document.waitUntilIdle() && reopened.waitUntilIdle());
        checkSameResult(document, reopened);
    }

    void loadedTensorOpensWithoutItsFile_data()
    {
        QTest::addColumn<int>("dtype");
        QTest::newRow("float32") << int(DType::Float32);
        QTest::newRow("float64") << int(DType::Float64);
    }
    void loadedTensorOpensWithoutItsFile()
    {
        QFETCH(int, dtype);
        const QString npy = path("input.npy");
        Tensor<double> x({2, 3, 5}, std::vector<double>(30));
        for (std::int64_t i = 0; i < 30; ++i)
            x[i] = std::ldexp(double(i * 7919 % 31) - 15.0, -3) + 1e-9 * double(i);
        x[4] = std::numeric_limits<double>::quiet_NaN(); // NaN in the tensor: its group's numbers are NaN
        if (DType(dtype) == DType::Float32)
            writeNpy(npy.toStdString(), x.cast<float>());
        else
            writeNpy(npy.toStdString(), x);
        Document document(small(NormKind::Batch, DType::Float32));
        QVERIFY(document.loadNpy(npy));
        steps(document, 3);
        document.setMode(Mode::Eval);
        QVERIFY(document.waitUntilIdle());
        const Session back = roundTrip(document, path("loaded.normscope"));
        QVERIFY(QFile::remove(npy));
        const Session again = readSessionFile(path("loaded.normscope"));
        QVERIFY(again.experiment.isLoaded());
        QCOMPARE(dtypeOf(*again.experiment.loaded), DType(dtype));
        QVERIFY(sameBits(again.experiment, document.experiment()));
        QVERIFY(sameBits(back.experiment, document.experiment()));
        Document reopened(again.experiment);
        checkSameResult(document, reopened);
        QVERIFY(std::isnan(reopened.result()->input[4]));
    }

    void rmsWithEpsNoneAndAffineOff()
    {
        Experiment e = small(NormKind::Rms, DType::Float32);
        e.spec.eps = std::nullopt;
        e.spec.affine = false;
        Document document(e);
        const Session back = roundTrip(document, path("rms.normscope"));
        QVERIFY(!back.experiment.spec.eps.has_value());
        QVERIFY(!back.experiment.spec.affine);
        QCOMPARE(back.experiment.spec.normalized_shape, e.spec.normalized_shape);
        QVERIFY(sameBits(back.experiment, document.experiment()));
        Document reopened(back.experiment);
        checkSameResult(document, reopened);
    }

    void groupAndInstanceKeepTheirArguments()
    {
        Experiment e = small(NormKind::Group, DType::Float64);
        e.spec.num_groups = 2;
        const Session back = sessionFromJson(sessionToJson(Session{e, {}}), QStringLiteral("g.normscope"));
        QCOMPARE(back.experiment.spec.kind, NormKind::Group);
        QCOMPARE(back.experiment.spec.num_groups, std::int64_t(2));
        Experiment i = small(NormKind::Instance, DType::Float32);
        i.spec.track_running_stats = true;
        const Session backI = sessionFromJson(sessionToJson(Session{i, {}}), QStringLiteral("i.normscope"));
        QVERIFY(backI.experiment.spec.track_running_stats);
        QVERIFY(sameBits(backI.experiment, i));
    }

    void refusals()
    {
        Document document(small(NormKind::Batch, DType::Float32));
        steps(document, 2);
        const QByteArray good = sessionToJson(Session{document.experiment(), {}});
        expectRefused(edited(good, [](QJsonObject& r) { r[QStringLiteral("version")] = 2; }), "newer NormScope");
        expectRefused(good.left(good.size() / 2), "damaged or truncated");
        expectRefused(QByteArray("\x89PNG\r\n garbage"), "damaged or truncated");
        expectRefused(QByteArray(), "damaged or truncated");
        expectRefused(
            edited(good, [](QJsonObject& r) { r[QStringLiteral("format")] = QStringLiteral("normscope-table"); }),
            "\"format\" is not \"normscope-session\"");
        expectRefused(edited(good, [](QJsonObject& r) { r.remove(QStringLiteral("module")); }),
                      "field 'module' is missing");
        expectRefused(edited(good,
                             [](QJsonObject& r) {
                                 QJsonObject m = r[QStringLiteral("module")].toObject();
                                 m[QStringLiteral("affine")] = QStringLiteral("yes");
                                 r[QStringLiteral("module")] = m;
                             }),
                      "field 'module.affine' must be true or false");
        expectRefused(edited(good,
                             [](QJsonObject& r) {
                                 QJsonObject b = r[QStringLiteral("buffers")].toObject();
                                 b[QStringLiteral("num_batches_tracked")] = 1.5;
                                 r[QStringLiteral("buffers")] = b;
                             }),
                      "field 'buffers.num_batches_tracked' must be an integer");
        expectRefused(edited(good,
                             [](QJsonObject& r) {
                                 QJsonObject i = r[QStringLiteral("input")].toObject();
                                 i[QStringLiteral("shape")] = QJsonArray{24};
                                 r[QStringLiteral("input")] = i;
                             }),
                      "rank 2 to 5");
        expectRefused(edited(good,
                             [](QJsonObject& r) {
                                 QJsonObject i = r[QStringLiteral("input")].toObject();
                                 i[QStringLiteral("shape")] = QJsonArray{4096, 4096, 2};
                                 r[QStringLiteral("input")] = i;
                             }),
                      "the window takes at most");
        expectRefused(edited(good,
                             [](QJsonObject& r) {
                                 QJsonObject p = r[QStringLiteral("parameters")].toObject();
                                 p[QStringLiteral("weight")] = QJsonArray{1.0, 2.0};
                                 r[QStringLiteral("parameters")] = p;
                             }),
                      "field 'parameters.weight' has 2 values; the module takes 4");
    }

    void embeddedTensorMustMatchItsShape()
    {
        const QString npy = path("ramp.npy");
        normscope::test::writeRampNpy(npy); // (2, 3, 4) float64
        Document document(small(NormKind::Batch, DType::Float32));
        QVERIFY(document.loadNpy(npy));
        const QByteArray good = sessionToJson(Session{document.experiment(), {}});
        const auto withData = [&good](const QByteArray& data) {
            return edited(good, [&data](QJsonObject& r) {
                QJsonObject input = r[QStringLiteral("input")].toObject();
                QJsonObject t = input[QStringLiteral("tensor")].toObject();
                t[QStringLiteral("data")] = QString::fromLatin1(data);
                input[QStringLiteral("tensor")] = t;
                r[QStringLiteral("input")] = input;
            });
        };
        // 24 float64 values are 192 bytes; one value short is 184.
        expectRefused(withData(QByteArray(184, '\0').toBase64()),
                      "holds 184 bytes; shape (2, 3, 4) of float64 takes 192");
        expectRefused(withData("not base64 !!"), "not valid base64");
        // The same file with the right byte count opens.
        QVERIFY(writeFileContents(path("ramp.normscope"), withData(QByteArray(192, '\0').toBase64())));
        const Session zeros = readSessionFile(path("ramp.normscope"));
        QCOMPARE(std::get<Tensor<double>>(*zeros.experiment.loaded)[23], 0.0);
    }

    void missingFileNamesTheReason()
    {
        try {
            readSessionFile(path("nowhere.normscope"));
            QFAIL("a missing file was read");
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("nowhere.normscope: cannot open")), e.what());
        }
    }

    void writeFailureLeavesNothing()
    {
        Document document(small(NormKind::Batch, DType::Float32));
        const QString target = path("no-such-folder/s.normscope");
        QVERIFY_THROWS_EXCEPTION(Error, writeSessionFile(Session{document.experiment(), {}}, target));
        QVERIFY(!QFileInfo::exists(target));
        // An existing file is replaced whole.
        const QString existing = path("existing.normscope");
        QVERIFY(writeFileContents(existing, "old"));
        writeSessionFile(Session{document.experiment(), {}}, existing);
        QCOMPARE(fileContents(existing), sessionToJson(Session{document.experiment(), {}}));
    }

    /// Opening replaces the experiment without an undo step and leaves the document unmodified;
    /// saving makes the current state the clean one.
    void documentFileNameAndModifiedState()
    {
        Document document(small(NormKind::Batch, DType::Float32));
        QSignalSpy modified(&document, &Document::modifiedChanged);
        QVERIFY(!document.isModified());
        document.setAffine(false);
        QVERIFY(document.isModified());
        QCOMPARE(modified.size(), 1);
        document.undoStack()->undo();
        QVERIFY(!document.isModified());
        document.undoStack()->redo();
        QVERIFY(document.isModified());
        document.markSaved(QStringLiteral("/tmp/a.normscope"));
        QVERIFY(!document.isModified());
        QCOMPARE(document.fileName(), QStringLiteral("/tmp/a.normscope"));
        document.undoStack()->undo();
        QVERIFY(document.isModified()); // away from the saved state
        document.replaceExperiment(small(NormKind::Layer, DType::Float64), QStringLiteral("/tmp/b.normscope"));
        QVERIFY(!document.isModified());
        QCOMPARE(document.undoStack()->count(), 0);
        QCOMPARE(document.experiment().spec.kind, NormKind::Layer);
        QCOMPARE(document.fileName(), QStringLiteral("/tmp/b.normscope"));
    }
};

QTEST_MAIN(TestSessionFile)
#include "test_session_file.moc"
