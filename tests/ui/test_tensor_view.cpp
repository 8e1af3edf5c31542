// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The Tensor tab (ui/panels/tensor_view.h): the two articles' tensors typed in with --tensor print
// x and y exactly as torch 1.13 printed them (tests/fixtures/torch_print, from
// tests/gen_torch_print_fixtures.py), the lit group is highlighted in x, x-hat and y, and
// --export-figure --figure tensor writes the tab as a picture.

#include "ui/application.h"
#include "ui/document/app_options.h"
#include "ui/document/document.h"
#include "ui/main_window.h"
#include "ui/panels/tensor_view.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace normscope;
using namespace normscope::ui;

namespace {

QString torchText(const QString& name)
{
    QFile file(QStringLiteral(NORMSCOPE_FIXTURE_DIR "/torch_print/cases.json"));
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    for (const QJsonValue& c : QJsonDocument::fromJson(file.readAll()).array())
        if (c.toObject().value(QStringLiteral("name")).toString() == name)
            return c.toObject().value(QStringLiteral("text")).toString();
    return QString();
}

AppOptions optionsOf(QStringList args)
{
    args.prepend(QStringLiteral("normscope"));
    const AppOptionsParse parsed = parseAppOptions(args);
    if (!parsed.options)
        qFatal("%s", qPrintable(parsed.error));
    return *parsed.options;
}

} // namespace

class TestTensorView : public QObject {
    Q_OBJECT

private slots:
    void printsTheArticlesTensors_data()
    {
        QTest::addColumn<QString>("literal");
        QTest::addColumn<QString>("fixture");
        QTest::newRow("bn1d 2d") << QStringLiteral("[[0,1,2],[3,4,5],[6,7,8]]") << QStringLiteral("article_bn1d_2d");
        QTest::newRow("bn1d 3d") << QStringLiteral("arange(12).reshape(2,2,3)") << QStringLiteral("article_bn1d_3d");
    }

    void printsTheArticlesTensors()
    {
        QFETCH(QString, literal);
        QFETCH(QString, fixture);
        Document document(optionsOf({QStringLiteral("--tensor"), literal}).experiment);
        MainWindow window(&document);
        window.resize(1400, 900);
        window.show();
        document.waitUntilIdle();
        window.setTensorShown(true);
        const QString x = torchText(fixture + QStringLiteral("_x"));
        const QString y = torchText(fixture + QStringLiteral("_y"));
        QVERIFY(!x.isEmpty() && !y.isEmpty());
        const QString text = window.tensorView()->text();
        QVERIFY2(text.contains(x), qPrintable(text));
        QVERIFY2(text.contains(y), qPrintable(text));
        // x-hat equals y here (weight 1, bias 0): printed twice, after x.
        QCOMPARE(text.count(y), 2);
        QVERIFY(text.indexOf(x) < text.indexOf(y));
    }

    void litGroupHighlightedInAllThree()
    {
        // BatchNorm1d(3) on 3x3: selecting (1, 2) lights column 2, three elements in each tensor.
        Document document(
            optionsOf({QStringLiteral("--tensor"), QStringLiteral("[[0,1,2],[3,4,5],[6,7,8]]")}).experiment);
        MainWindow window(&document);
        window.show();
        document.waitUntilIdle();
        window.selectCell(5);
        QVERIFY(window.tensorView()->html().isEmpty()); // a hidden tab prints nothing yet
        window.setTensorShown(true);
        QCOMPARE(window.tensorView()->cell(), std::int64_t(5));
        const QString html = window.tensorView()->html();
        QCOMPARE(html.count(QStringLiteral("background:#ffb74d")), 3); // the element, in x, x-hat, y
        QCOMPARE(html.count(QStringLiteral("background:#fff176")), 6); // the rest of its column
        QVERIFY2(html.contains(QStringLiteral("<span style='background:#ffb74d'>5.</span>")), qPrintable(html));
        QVERIFY(html.contains(QStringLiteral("<span style='background:#fff176'>2.</span>")));
        QVERIFY(html.contains(QStringLiteral("<span style='background:#fff176'>8.</span>")));
        QVERIFY(!html.contains(QStringLiteral("'>4.</span>")));
        window.selectCell(-1);
        QVERIFY(!window.tensorView()->html().contains(QStringLiteral("background:")));
    }

    void exportsAsFigure()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tensor.png"));
        const int status =
            runNormScope(optionsOf({QStringLiteral("--tensor"), QStringLiteral("arange(12).reshape(2,2,3)"),
                                    QStringLiteral("--export-figure"), path, QStringLiteral("--figure"),
                                    QStringLiteral("tensor"), QStringLiteral("--size"), QStringLiteral("1000x700")}));
        QCOMPARE(status, 0);
        const QImage image(path);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 200 && image.height() > 200);
    }
};

QTEST_MAIN(TestTensorView)
#include "test_tensor_view.moc"
