// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The Chinese interface: the catalogue shipped in the program is complete and keeps what must not
// change (placeholders, mnemonics, markup, PyTorch's names), and View > Language switches a live
// window to Chinese and back without a restart, remembered in the settings; --lang overrides.

#include "tests/support/temporary_settings.h"
#include "ui/actions.h"
#include "ui/cube/cube_texts.h"
#include "ui/cube/cube_view.h"
#include "ui/document/layout_text.h"
#include "ui/document/app_options.h"
#include "ui/document/document.h"
#include "ui/language_manager.h"
#include "ui/main_window.h"
#include "ui/panels/controls_panel.h"
#include "ui/panels/lessons_panel.h"
#include "ui/panels/stats_table_model.h"
#include "ui/panels/stats_table_view.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QAbstractButton>
#include <QTabWidget>
#include <QDockWidget>
#include <QFile>
#include <QGroupBox>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

#include <qcustomplot.h>

using namespace normscope;
using namespace normscope::ui;

namespace {

struct Entry {
    QString context, source, translation, type;
};

std::vector<Entry> readCatalogue()
{
    std::vector<Entry> entries;
    QFile file(QStringLiteral(":/i18n/normscope_zh_CN.ts"));
    if (!file.open(QIODevice::ReadOnly))
        return entries;
    QXmlStreamReader xml(&file);
    QString context;
    Entry e;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            e = Entry{context, {}, {}, {}};
        } else if (xml.name() == QLatin1String("source")) {
            e.source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            e.type = xml.attributes().value(QLatin1String("type")).toString();
            e.translation = xml.readElementText();
            entries.push_back(e);
        }
    }
    return entries;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

QStringList matches(const QString& text, const QRegularExpression& re)
{
    QStringList out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out << it.next().captured(0);
    return out;
}

QStringList menuTitles(MainWindow& window)
{
    QStringList titles;
    for (QAction* a : window.menuBar()->actions())
        titles << a->text();
    return titles;
}

/// Every text the window shows in widgets, actions, tabs, combo boxes and plots.
QStringList shownTexts(MainWindow& window)
{
    QStringList texts;
    for (QWidget* w : window.findChildren<QWidget*>()) {
        texts << w->toolTip() << w->windowTitle();
        if (auto* label = qobject_cast<QLabel*>(w))
            texts << label->text();
        if (auto* button = qobject_cast<QAbstractButton*>(w))
            texts << button->text();
        if (auto* box = qobject_cast<QGroupBox*>(w))
            texts << box->title();
        if (auto* tabs = qobject_cast<QTabWidget*>(w))
            for (int i = 0; i < tabs->count(); ++i)
                texts << tabs->tabText(i);
        if (auto* combo = qobject_cast<QComboBox*>(w))
            for (int i = 0; i < combo->count(); ++i)
                texts << combo->itemText(i);
        if (auto* menu = qobject_cast<QMenu*>(w))
            texts << menu->title();
        if (auto* plot = qobject_cast<QCustomPlot*>(w)) {
            for (QCPLayoutElement* e : plot->plotLayout()->elements(true))
                if (auto* t = qobject_cast<QCPTextElement*>(e))
                    texts << t->text();
            for (QCPAxisRect* rect : plot->axisRects())
                for (QCPAxis* axis : rect->axes())
                    texts << axis->label();
        }
    }
    for (QAction* a : window.findChildren<QAction*>())
        if (a->objectName() != QLatin1String("languageChineseAction")) // 中文 is named in itself
            texts << a->text() << a->iconText() << a->toolTip();
    texts.removeAll(QString());
    return texts;
}

QStringList withChinese(const QStringList& texts)
{
    const QRegularExpression chinese(QStringLiteral("[\\x{4e00}-\\x{9fff}]"));
    QStringList out;
    for (const QString& t : texts)
        if (t.contains(chinese))
            out << t;
    return out;
}

QString groupBoxTitle(ControlsPanel* panel, int index)
{
    return panel->findChildren<QGroupBox*>().value(index)->title();
}

} // namespace

class TestLanguage : public QObject {
    Q_OBJECT

    test::TemporarySettings settings_;

private slots:
    void initTestCase()
    {
        QVERIFY(settings_.redirect()); // the choices this test writes go to a temporary folder
    }

    void catalogueComplete()
    {
        const std::vector<Entry> entries = readCatalogue();
        QVERIFY(entries.size() > 300);
        const QRegularExpression placeholder(QStringLiteral("%L?[0-9]"));
        const QRegularExpression tag(QStringLiteral("</?[a-z]+"));
        const QRegularExpression mnemonic(QStringLiteral("&[A-Za-z]"));
        const QRegularExpression chinese(QStringLiteral("[\\x{4e00}-\\x{9fff}]"));
        // PyTorch's names, typed by users: kept verbatim wherever the English has them.
        const QStringList kept = {QStringLiteral("running_mean"),
                                  QStringLiteral("running_var"),
                                  QStringLiteral("num_groups"),
                                  QStringLiteral("normalized_shape"),
                                  QStringLiteral("num_batches_tracked"),
                                  QStringLiteral("track_running_stats"),
                                  QStringLiteral("eps"),
                                  QStringLiteral("momentum="),
                                  QStringLiteral("BatchNorm2d"),
                                  QStringLiteral("torch.var")};
        int chineseCount = 0;
        for (const Entry& e : entries) {
            const QString where = e.context + QStringLiteral(": ") + e.source;
            QVERIFY2(e.type.isEmpty(), qPrintable(e.type + QStringLiteral(" entry ") + where));
            QVERIFY2(!e.translation.isEmpty(), qPrintable(where));
            QCOMPARE(sorted(matches(e.translation, placeholder)), sorted(matches(e.source, placeholder)));
            QCOMPARE(sorted(matches(e.translation, tag)), sorted(matches(e.source, tag)));
            QCOMPARE(matches(e.translation, mnemonic).size(), matches(e.source, mnemonic).size());
            for (const QString& name : kept) {
                const QRegularExpression word(QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(name)));
                if (e.source.contains(word))
                    QVERIFY2(e.translation.contains(word), qPrintable(name + QStringLiteral(" lost in ") + where));
            }
            chineseCount += e.translation.contains(chinese);
        }
        // Everything but PyTorch's own names and bare formats is in Chinese.
        QVERIFY2(chineseCount > int(entries.size()) * 8 / 10, qPrintable(QString::number(chineseCount)));
    }

    void compiledCatalogueTranslates()
    {
        QTranslator t;
        QVERIFY(t.load(QStringLiteral(":/i18n/normscope_zh_CN.qm")));
        QCOMPARE(t.translate("normscope::ui::MainWindow", "&File"), QStringLiteral("文件(&F)"));
        QCOMPARE(t.translate("normscope::ui::ControlsPanel", "Module"), QStringLiteral("模块"));
        // Q_DECLARE_TR_FUNCTIONS classes translate under their bare names.
        QCOMPARE(t.translate("CellInfo", "mean and variance"), QStringLiteral("均值和方差"));
        QCOMPARE(t.translate("CubeTexts", "No result yet."), QStringLiteral("尚无结果。"));
    }

    void startLanguage()
    {
        QSettings(QStringLiteral("NormScope"), QStringLiteral("NormScope"))
            .setValue(QStringLiteral("language"), QStringLiteral("zh_CN"));
        QCOMPARE(LanguageManager::startLanguage(QString()), QStringLiteral("zh_CN"));
        QCOMPARE(LanguageManager::startLanguage(QStringLiteral("en")), QStringLiteral("en")); // --lang wins
        QSettings(QStringLiteral("NormScope"), QStringLiteral("NormScope"))
            .setValue(QStringLiteral("language"), QStringLiteral("en"));
        QCOMPARE(LanguageManager::startLanguage(QString()), QStringLiteral("en"));
        QCOMPARE(LanguageManager::startLanguage(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));

        const AppOptionsParse given =
            parseAppOptions({QStringLiteral("normscope"), QStringLiteral("--lang"), QStringLiteral("zh_CN")});
        QVERIFY(given.options);
        QCOMPARE(given.options->lang, QStringLiteral("zh_CN"));
        const AppOptionsParse absent = parseAppOptions({QStringLiteral("normscope")});
        QVERIFY(absent.options);
        QVERIFY(absent.options->lang.isEmpty()); // then the settings, then the system decide
        const AppOptionsParse bad =
            parseAppOptions({QStringLiteral("normscope"), QStringLiteral("--lang"), QStringLiteral("fr")});
        QVERIFY(!bad.options);
        QVERIFY2(bad.error.contains(QStringLiteral("fr")), qPrintable(bad.error));
    }

    void switchesAtOnceAndBack()
    {
        LanguageManager* languages = LanguageManager::instance();
        languages->setLanguage(QStringLiteral("en"));
        Document document(Experiment::demo());
        MainWindow window(&document);
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QStringList english = {QStringLiteral("&File"), QStringLiteral("&Edit"), QStringLiteral("&Run"),
                                     QStringLiteral("&View"), QStringLiteral("&Help")};
        QCOMPARE(menuTitles(window), english);
        QVERIFY(window.actions()->languageEnglish()->isChecked());
        const StatsTableModel* model = window.statsTable()->statsModel();
        int meanColumn = -1;
        for (int c = 0; c < model->columnCount(); ++c)
            if (model->headerData(c, Qt::Horizontal, StatsTableModel::ColumnKeyRole).toString()
                == QLatin1String("mean"))
                meanColumn = c;
        QVERIFY(meanColumn >= 0);
        QCOMPARE(model->headerData(meanColumn, Qt::Horizontal).toString(), QStringLiteral("mean"));

        // View > Language > 中文, as a click would.
        window.actions()->languageChinese()->trigger();
        QCOMPARE(languages->language(), QStringLiteral("zh_CN"));
        // Qt posts QEvent::LanguageChange to the window: the switch lands on the next event loop turn.
        QTRY_COMPARE(menuTitles(window),
                     (QStringList{QStringLiteral("文件(&F)"), QStringLiteral("编辑(&E)"), QStringLiteral("运行(&R)"),
                                  QStringLiteral("视图(&V)"), QStringLiteral("帮助(&H)")}));
        QVERIFY(window.actions()->languageChinese()->isChecked());
        QCOMPARE(groupBoxTitle(window.controls(), 0), QStringLiteral("模块"));
        QCOMPARE(window.findChild<QDockWidget*>(QStringLiteral("statsDock"))->windowTitle(),
                 QStringLiteral("每组统计量"));
        QCOMPARE(window.actions()->step()->iconText(), QStringLiteral("单步"));
        QCOMPARE(model->headerData(meanColumn, Qt::Horizontal).toString(), QStringLiteral("均值"));
        QVERIFY(CubeTexts::statusHtml(document.result(), -1, false).startsWith(QStringLiteral("悬停")));
        // The engine's facts in the interface's words: the cube's caption and the warning banner.
        QTRY_COMPARE(window.cubeView()->caption(),
                     QStringLiteral("BatchNorm: 每个通道一个均值和方差，在 N, H, W 上统计"));
        QCOMPARE(warningText({DegenerateKind::ZeroEps, {}, 0, "eps = 0: a group of equal values gives 0/0 = NaN"}),
                 QStringLiteral("eps = 0：值全相同的组得到 0/0 = NaN"));
        NonFiniteCounts counts;
        counts.nan = 2;
        counts.negInf = 1;
        counts.total = 600;
        QVERIFY2(warningText({DegenerateKind::NonFiniteInput, counts, 0, {}})
                     .startsWith(QStringLiteral("输入的 600 个值中有 2 个 NaN、1 个 -inf：")),
                 qPrintable(warningText({DegenerateKind::NonFiniteInput, counts, 0, {}})));
        // Qt's own catalogue too: the standard dialogs' buttons (qt6-translations-l10n).
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
        QVERIFY(window.lessonsPanel()->paragraph().contains(QStringLiteral("选择一个课程")));
        const QStringList shown = shownTexts(window);
        QVERIFY2(withChinese(shown).size() > shown.size() / 2, qPrintable(shown.join(QLatin1Char('|'))));
        QCOMPARE(QSettings(QStringLiteral("NormScope"), QStringLiteral("NormScope")).value(QStringLiteral("language")),
                 QVariant(QStringLiteral("zh_CN")));

        // And back to English, every text as it was built.
        window.actions()->languageEnglish()->trigger();
        QTRY_COMPARE(menuTitles(window), english);
        QCOMPARE(groupBoxTitle(window.controls(), 0), QStringLiteral("Module"));
        QCOMPARE(window.findChild<QDockWidget*>(QStringLiteral("statsDock"))->windowTitle(),
                 QStringLiteral("Statistics per group"));
        QCOMPARE(window.actions()->step()->iconText(), QStringLiteral("Step"));
        QCOMPARE(model->headerData(meanColumn, Qt::Horizontal).toString(), QStringLiteral("mean"));
        QVERIFY(window.lessonsPanel()->paragraph().startsWith(QStringLiteral("<p>Pick a lesson")));
        QTRY_COMPARE(window.cubeView()->caption(),
                     QString::fromStdString(document.result()->layout->describe())); // the engine's own words
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
        // Nothing is left behind in Chinese: not a menu, tooltip, combo item, tab or plot label.
        QVERIFY2(withChinese(shownTexts(window)).isEmpty(),
                 qPrintable(withChinese(shownTexts(window)).join(QLatin1Char('|'))));
        QCOMPARE(QSettings(QStringLiteral("NormScope"), QStringLiteral("NormScope")).value(QStringLiteral("language")),
                 QVariant(QStringLiteral("en")));
    }

    void lessonSwitchKeepsTheStep()
    {
        LanguageManager* languages = LanguageManager::instance();
        languages->setLanguage(QStringLiteral("en"));
        Document document(Experiment::demo());
        MainWindow window(&document);
        QVERIFY(window.lessonsPanel()->openStep(0, 1));
        const int undoSteps = document.undoStack()->count();
        const QString english = window.lessonsPanel()->paragraph();
        languages->setLanguage(QStringLiteral("zh_CN"));
        QTRY_VERIFY(window.lessonsPanel()->paragraph() != english);
        const QString chinese = window.lessonsPanel()->paragraph();
        QVERIFY(chinese.contains(QRegularExpression(QStringLiteral("[\\x{4e00}-\\x{9fff}]"))));
        QCOMPARE(window.lessonsPanel()->currentStep(), 1);
        QCOMPARE(document.undoStack()->count(), undoSteps); // the step was not applied again
        languages->setLanguage(QStringLiteral("en"));
        QTRY_COMPARE(window.lessonsPanel()->paragraph(), english);
    }
};

QTEST_MAIN(TestLanguage)
#include "test_language.moc"
