// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The lessons: every file in resources/lessons passes the schema, every step runs through the
// window's option parser and the engine with every placeholder resolved, and every number a text
// shows equals PyTorch's (tests/fixtures/lessons, written by tests/gen_lesson_fixtures.py with torch);
// the two articles' printed values are checked as printed. Then the schema's refusals, the Lessons
// panel on a Document, and the window's --list-lessons, --lesson and --tensor.

#include "engine/core/error.h"
#include "ui/document/document.h"
#include "ui/document/lesson.h"
#include "ui/document/lesson_runner.h"
#include "ui/actions.h"
#include "ui/main_window.h"
#include "ui/panels/lessons_panel.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace normscope;
using namespace normscope::ui;

namespace {

const QString kSourceDir = QStringLiteral(NORMSCOPE_FIXTURE_DIR "/../..");

QByteArray readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QString refusalOf(const QByteArray& json)
{
    try {
        parseLesson(json, QStringLiteral("bad.json"));
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return QStringLiteral("accepted");
}

QString textOf(const Lesson& lesson, int step, const QString& text)
{
    const LessonStepRun run = runLessonStep(lesson, step);
    return resolveLessonText(text, *run.result);
}

struct Run {
    int status = -1;
    QString out, err;
};

Run runWindow(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(NORMSCOPE_GUI_PATH), args);
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestLessons : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyFileIsBuiltInAndPassesTheSchema()
    {
        const QStringList files =
            QDir(kSourceDir + QStringLiteral("/resources/lessons")).entryList({QStringLiteral("*.json")});
        QVERIFY(!files.isEmpty());
        for (const QString& name : files) {
            const QByteArray json = readFile(kSourceDir + QStringLiteral("/resources/lessons/") + name);
            QCOMPARE(refusalOf(json), QStringLiteral("accepted"));
        }
        // A file left out of builtInLessons() failed its schema or its name.
        QCOMPARE(static_cast<qsizetype>(builtInLessons().size()), files.size());
    }

    void requiredIds()
    {
        for (const char* id :
             {"seed-bn1d-2d", "seed-bn1d-3d", "seed-bn2d-params", "seed-from-scratch", "seed-four-norms", "seed-affine",
              "train-vs-eval", "batch-of-one", "biased-unbiased", "momentum-convention", "frozen-bn", "layernorm-shape",
              "groupnorm-not-layernorm", "bn1d-layout", "instancenorm-running", "rmsnorm-eps", "eps-zero"})
            QVERIFY2(findLesson(QLatin1String(id)), id);
        QVERIFY(findLesson(QStringLiteral("images-instancenorm"))); // pictures as the input (--image)
    }

    void everyStepRunsAndResolves()
    {
        for (const Lesson& lesson : builtInLessons()) {
            try {
                checkLesson(lesson);
            } catch (const Error& e) {
                QFAIL(e.what());
            }
        }
    }

    /// Every number of every text against PyTorch's.
    void numbersEqualPyTorch()
    {
        int compared = 0;
        for (const Lesson& lesson : builtInLessons()) {
            const QByteArray json =
                readFile(QStringLiteral(NORMSCOPE_FIXTURE_DIR "/lessons/") + lesson.id + QStringLiteral(".json"));
            QVERIFY2(!json.isEmpty(), qPrintable(lesson.id));
            const QJsonArray steps = QJsonDocument::fromJson(json).object().value(QLatin1String("steps")).toArray();
            QCOMPARE(steps.size(), static_cast<qsizetype>(lesson.steps.size()));
            for (int i = 0; i < steps.size(); ++i) {
                const LessonStepRun run = runLessonStep(lesson, i);
                const QJsonObject expected = steps[i].toObject();
                for (auto it = expected.begin(); it != expected.end(); ++it) {
                    const Placeholder p = placeholdersIn(QLatin1Char('{') + it.key() + QLatin1Char('}')).front();
                    const double got = placeholderValue(p, *run.result);
                    const QString where = lesson.id
                        + QStringLiteral(" step %1 {%2}: got %3, PyTorch %4")
                              .arg(i + 1)
                              .arg(it.key())
                              .arg(got, 0, 'g', 17)
                              .arg(it.value().toVariant().toString());
                    if (it.value().isString()) { // "NaN", "Infinity", "-Infinity" as in the CLI's JSON
                        const QString special = it.value().toString();
                        QVERIFY2(special == QLatin1String("NaN")
                                     ? std::isnan(got)
                                     : std::isinf(got) && (got > 0) == (special == QLatin1String("Infinity")),
                                 qPrintable(where));
                    } else {
                        const double want = it.value().toDouble();
                        QVERIFY2(std::fabs(got - want) <= 1e-6 + 2e-6 * std::fabs(want), qPrintable(where));
                    }
                    ++compared;
                }
            }
        }
        QVERIFY(compared > 100);
    }

    /// The articles' printed numbers, as the lessons print them.
    void articlesPrintedValues()
    {
        const Lesson* a = findLesson(QStringLiteral("seed-bn1d-2d"));
        QVERIFY(a);
        QCOMPARE(textOf(*a, 0, QStringLiteral("{mean[0]} {mean[1]} {mean[2]} {var[0]} {var[1]} {var[2]}")),
                 QStringLiteral("3 4 5 6 6 6"));
        QCOMPARE(textOf(*a, 1, QStringLiteral("{y[0,0]:4} {y[1,0]:4} {y[2,0]:4} {y[0,2]:4} {y[2,2]:4}")),
                 QStringLiteral("-1.2247 0.0000 1.2247 -1.2247 1.2247"));
        const Lesson* b = findLesson(QStringLiteral("seed-bn1d-3d"));
        QVERIFY(b);
        QCOMPARE(textOf(*b, 0, QStringLiteral("{mean[0]} {mean[1]}")), QStringLiteral("4 7"));
        QCOMPARE(textOf(*b, 1, QStringLiteral("{y[0,0,0]:4} {y[0,0,1]:4} {y[0,0,2]:4} {y[1,0,2]:4} {y[1,1,2]:4}")),
                 QStringLiteral("-1.2865 -0.9649 -0.6433 1.2865 1.2865"));
    }

    void schemaRefusals_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        const QByteArray text = R"("text": {"en": "a", "zh_CN": "b"})";
        const QByteArray head = R"({"id": "x", "title": {"en": "T", "zh_CN": "T"}, "steps": [)";
        QTest::newRow("not json") << QByteArray("{") << "bad.json: not JSON";
        QTest::newRow("unknown top key") << QByteArray(R"({"id": "x", "titel": {}})") << "unknown key 'titel'";
        QTest::newRow("unknown state key") << head + R"({"state": {"nrom": "batch"}, )" + text + "}]}"
                                           << "bad.json, step 1: unknown key 'nrom' in state";
        QTest::newRow("missing language") << head + R"({"state": {}, "text": {"en": "a"}}]})"
                                          << "bad.json, step 1: 'text' has no zh_CN text";
        QTest::newRow("unknown language") << head + R"({"state": {}, "text": {"en": "a", "zh_CN": "b", "fr": "c"}}]})"
                                          << "unknown language 'fr'";
        QTest::newRow("unknown placeholder") << head + R"({"state": {}, "text": {"en": "{avg[0]}", "zh_CN": "b"}}]})"
                                             << "step 1: text (en): placeholder at character 1: unknown name 'avg'";
        QTest::newRow("wrong type") << head + R"({"state": {"eps": "big"}, )" + text + "}]}"
                                    << "step 1: state key 'eps' must be a number or \"none\"";
        QTest::newRow("bad mode") << head + R"({"state": {}, )" + text + R"(}, {"state": {"mode": "test"}, )" + text
                + "}]}"
                                  << "bad.json, step 2: state key 'mode' must be \"train\" or \"eval\"";
        QTest::newRow("no steps") << QByteArray(R"({"id": "x", "title": {"en": "T", "zh_CN": "T"}, "steps": []})")
                                  << "'steps' must be a non-empty list";
    }

    void schemaRefusals()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const QString message = refusalOf(json);
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    /// Values the window's own parser refuses are refused with the file and the step.
    void badStateValueNamesFileAndStep()
    {
        const Lesson lesson = parseLesson(
            R"({"id": "x", "title": {"en": "T", "zh_CN": "T"}, "steps": [{"state": {"norm": "batch", "tensor": "[[1,2],[3]]"},
                "text": {"en": "a", "zh_CN": "b"}}, {"state": {"norm": "batchy"}, "text": {"en": "a", "zh_CN": "b"}}]})",
            QStringLiteral("bad.json"));
        try {
            checkLesson(lesson);
            QFAIL("accepted");
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(
                         QStringLiteral("bad.json, step 1: --tensor: tensor literal, character 8: ragged")),
                     e.what());
        }
        try {
            runLessonStep(lesson, 1);
            QFAIL("accepted");
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(QStringLiteral("bad.json, step 2: ")), e.what());
        }
    }

    void panelOpensStepsAsOneUndoStep()
    {
        Document document;
        LessonsPanel panel(&document);
        const int index = static_cast<int>(findLesson(QStringLiteral("seed-bn1d-2d")) - builtInLessons().data());
        QVERIFY(panel.openStep(index, 1));
        QCOMPARE(document.experiment().shape, (Shape{3, 3}));
        QVERIFY(panel.paragraph().contains(QStringLiteral("-1.2247")));
        QCOMPARE(document.undoStack()->count(), 1);
        panel.next();
        QCOMPARE(panel.currentStep(), 2);
        QVERIFY(panel.paragraph().contains(QStringLiteral("running_var")));
        panel.next(); // the last step: stays
        QCOMPARE(panel.currentStep(), 2);
        panel.back();
        QCOMPARE(panel.currentStep(), 1);
        panel.setLanguage(QStringLiteral("zh_CN"));
        QVERIFY(panel.paragraph().contains(QStringLiteral("按 y 着色")));
        document.undoStack()->undo();
        document.undoStack()->undo();
        document.undoStack()->undo();
        document.undoStack()->undo();
        QCOMPARE(document.experiment().shape, (Shape{4, 6, 5, 5})); // back to the demo
    }

    /// Page Down/Up step through the lesson once one is open (before that the keys stay the spin
    /// boxes'), and a step's view options reach the window.
    void windowKeysStepThroughLesson()
    {
        Document document;
        MainWindow window(&document);
        QAction* next = window.actions()->lessonNext();
        QCOMPARE(next->shortcut(), QKeySequence(Qt::Key_PageDown));
        QCOMPARE(window.actions()->lessonBack()->shortcut(), QKeySequence(Qt::Key_PageUp));
        QVERIFY(!next->isEnabled());
        const int index = static_cast<int>(findLesson(QStringLiteral("seed-four-norms")) - builtInLessons().data());
        QVERIFY(window.lessonsPanel()->openStep(index, 4));
        QVERIFY(next->isEnabled());
        QVERIFY(!window.isCompareShown());
        next->trigger();
        QCOMPARE(window.lessonsPanel()->currentStep(), 5);
        QVERIFY(document.isCompareEnabled()); // the last step shows the compare view
        QVERIFY(window.isCompareShown());
        window.actions()->lessonBack()->trigger();
        QCOMPARE(window.lessonsPanel()->currentStep(), 4);
        QVERIFY(!window.isCompareShown());
        QCOMPARE(document.experiment().spec.kind, NormKind::Group);
        QCOMPARE(document.experiment().spec.num_groups, 1);
    }

    void windowListsAndOpensLessons()
    {
        const Run list = runWindow({QStringLiteral("--list-lessons")});
        QCOMPARE(list.status, 0);
        const QStringList lines = list.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), static_cast<qsizetype>(builtInLessons().size()));
        QCOMPARE(lines.front(), QStringLiteral("seed-bn1d-2d\tBatchNorm1d on a 3x3 matrix"));
        const Run zh = runWindow({QStringLiteral("--list-lessons"), QStringLiteral("--lang"), QStringLiteral("zh_CN")});
        QVERIFY(zh.out.contains(QStringLiteral("有偏方差与无偏方差")));

        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("lesson.png"));
        const Run shot =
            runWindow({QStringLiteral("--lesson"), QStringLiteral("seed-bn1d-3d"), QStringLiteral("--lesson-step"),
                       QStringLiteral("2"), QStringLiteral("--screenshot"), png, QStringLiteral("--size"),
                       QStringLiteral("1000x700")});
        QCOMPARE(shot.status, 0);
        QVERIFY(QFile::exists(png));

        const Run unknown =
            runWindow({QStringLiteral("--lesson"), QStringLiteral("nope"), QStringLiteral("--screenshot"), png});
        QCOMPARE(unknown.status, 2);
        QVERIFY(unknown.err.contains(QStringLiteral("no lesson 'nope'")));
        const Run step = runWindow({QStringLiteral("--lesson"), QStringLiteral("eps-zero"),
                                    QStringLiteral("--lesson-step"), QStringLiteral("9")});
        QCOMPARE(step.status, 2);
        QVERIFY(step.err.contains(QStringLiteral("eps-zero has 3 steps, got 9")));
    }

    void windowTensorOption()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("t.png"));
        const Run ragged = runWindow(
            {QStringLiteral("--tensor"), QStringLiteral("[[0,1,2],[3,4]]"), QStringLiteral("--screenshot"), png});
        QCOMPARE(ragged.status, 2);
        QCOMPARE(ragged.err.trimmed(),
                 QStringLiteral("normscope: --tensor: tensor literal, character 10: ragged list: 2 elements "
                                "where the first list at depth 2 has 3, at '[3,4]]'"));
        QVERIFY(!QFile::exists(png));
        const Run rank1 = runWindow({QStringLiteral("--tensor"), QStringLiteral("[1,2,3]")});
        QCOMPARE(rank1.status, 2);
        QVERIFY(rank1.err.contains(QStringLiteral("rank 2 to 5")));
        const Run both = runWindow(
            {QStringLiteral("--tensor"), QStringLiteral("[[1,2]]"), QStringLiteral("--shape"), QStringLiteral("2,2")});
        QCOMPARE(both.status, 2);
        QVERIFY(both.err.contains(QStringLiteral("--tensor and --shape both give the input")));
    }

    void typedTensorIsTheInput()
    {
        const AppOptionsParse parsed = parseAppOptions({QStringLiteral("normscope"), QStringLiteral("--tensor"),
                                                        QStringLiteral("torch.arange(12).reshape(2,2,3)"),
                                                        QStringLiteral("--dtype"), QStringLiteral("float64")});
        QVERIFY2(parsed.options, qPrintable(parsed.error));
        const Experiment& e = parsed.options->experiment;
        QCOMPARE(e.shape, (Shape{2, 2, 3}));
        QVERIFY(e.isLoaded());
        QCOMPARE(dtypeOf(*e.loaded), DType::Float64);
        QCOMPARE(std::get<Tensor<double>>(*e.loaded)[11], 11.0);
        QCOMPARE(e.spec.kind, NormKind::Batch);
    }
};

QTEST_MAIN(TestLessons)
#include "test_lessons.moc"
