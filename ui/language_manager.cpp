// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/language_manager.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QSettings>
#include <QTabWidget>
#include <QXmlStreamReader>

#include <qcustomplot.h>

namespace normscope::ui {

namespace {

QSettings settings()
{
    return QSettings(QStringLiteral("NormScope"), QStringLiteral("NormScope"));
}

/// Texts set on a QAction (menus, toolbar, the controls' buttons share them).
void retranslateAction(const LanguageManager& m, QAction* a)
{
    // Icon text and tooltip default to the text: only one of their own (a catalogue entry) is set
    // again, since setting a derived one would freeze it in the old language.
    const QString iconText = m.swap(a->iconText());
    const QString toolTip = m.swap(a->toolTip());
    a->setText(m.swap(a->text()));
    if (iconText != a->iconText())
        a->setIconText(iconText);
    if (toolTip != a->toolTip())
        a->setToolTip(toolTip);
    a->setStatusTip(m.swap(a->statusTip()));
}

/// A plot's texts live in its layout, axes and plottables, not in widgets.
void retranslatePlot(const LanguageManager& m, QCustomPlot* plot)
{
    for (QCPLayoutElement* element : plot->plotLayout()->elements(true))
        if (auto* text = qobject_cast<QCPTextElement*>(element))
            text->setText(m.swap(text->text()));
    for (QCPAxisRect* rect : plot->axisRects())
        for (QCPAxis* axis : rect->axes())
            axis->setLabel(m.swap(axis->label()));
    for (int i = 0; i < plot->plottableCount(); ++i)
        plot->plottable(i)->setName(m.swap(plot->plottable(i)->name()));
    for (int i = 0; i < plot->graphCount(); ++i)
        plot->graph(i)->setName(m.swap(plot->graph(i)->name()));
    plot->replot();
}

} // namespace

LanguageManager* LanguageManager::instance()
{
    static LanguageManager* manager = new LanguageManager; // lives as long as the application
    return manager;
}

LanguageManager::LanguageManager()
{
    loadCatalogue();
}

void LanguageManager::loadCatalogue()
{
    // The .ts beside the .qm: a translator cannot be asked the way back, and a switch needs it
    // to find the source of a text a widget was given in the other language.
    QFile file(QStringLiteral(":/i18n/normscope_zh_CN.ts"));
    if (!file.open(QIODevice::ReadOnly))
        return;
    QXmlStreamReader xml(&file);
    QString source;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            const QString translation = xml.readElementText();
            if (!source.isEmpty() && !translation.isEmpty() && source != translation) {
                toChinese_.insert(source, translation);
                toEnglish_.insert(translation, source);
            }
        }
    }
}

QString LanguageManager::systemLanguage()
{
    return QLocale::system().language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

QString LanguageManager::startLanguage(const QString& commandLine)
{
    if (!commandLine.isEmpty())
        return commandLine;
    const QString kept = settings().value(QStringLiteral("language")).toString();
    if (kept == QLatin1String("en") || kept == QLatin1String("zh_CN"))
        return kept;
    return systemLanguage();
}

void LanguageManager::setLanguage(const QString& lang, bool remember)
{
    const QString next = lang == QLatin1String("zh_CN") ? lang : QStringLiteral("en");
    if (remember)
        settings().setValue(QStringLiteral("language"), next);
    if (next == language_ && installed_ == (next == QLatin1String("zh_CN")))
        return;
    language_ = next;
    if (installed_) {
        QCoreApplication::removeTranslator(&app_);
        QCoreApplication::removeTranslator(&qt_);
        installed_ = false;
    }
    if (language_ == QLatin1String("zh_CN")) {
        const bool ok = app_.load(QStringLiteral(":/i18n/normscope_zh_CN.qm"));
        // Qt's own catalogue (standard dialogs' buttons); absent where qt6-translations-l10n is not installed.
        if (qt_.load(QStringLiteral("qtbase_zh_CN"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(&qt_);
        if (ok)
            QCoreApplication::installTranslator(&app_);
        installed_ = true;
    }
    emit languageChanged(language_);
}

void LanguageManager::bindActions(QAction* english, QAction* chinese)
{
    const auto check = [english, chinese](const QString& lang) {
        (lang == QLatin1String("zh_CN") ? chinese : english)->setChecked(true);
    };
    check(language_);
    connect(this, &LanguageManager::languageChanged, english, check);
    connect(english, &QAction::triggered, this, [this] { setLanguage(QStringLiteral("en"), true); });
    connect(chinese, &QAction::triggered, this, [this] { setLanguage(QStringLiteral("zh_CN"), true); });
}

QString LanguageManager::swap(const QString& text) const
{
    if (text.isEmpty())
        return text;
    const bool chinese = language_ == QLatin1String("zh_CN");
    const QString source = toEnglish_.value(text, text);
    return chinese ? toChinese_.value(source, source) : source;
}

void LanguageManager::retranslate(QWidget* root) const
{
    QList<QWidget*> widgets = root->findChildren<QWidget*>();
    widgets.prepend(root);
    for (QWidget* w : widgets) {
        w->setToolTip(swap(w->toolTip()));
        if (w->isWindow() && w != root)
            w->setWindowTitle(swap(w->windowTitle()));
        if (auto* d = qobject_cast<QDockWidget*>(w))
            d->setWindowTitle(swap(d->windowTitle()));
        else if (auto* menu = qobject_cast<QMenu*>(w))
            menu->setTitle(swap(menu->title()));
        else if (auto* label = qobject_cast<QLabel*>(w))
            label->setText(swap(label->text()));
        else if (auto* button = qobject_cast<QAbstractButton*>(w))
            button->setText(swap(button->text()));
        else if (auto* box = qobject_cast<QGroupBox*>(w))
            box->setTitle(swap(box->title()));
        else if (auto* edit = qobject_cast<QLineEdit*>(w))
            edit->setPlaceholderText(swap(edit->placeholderText()));
        else if (auto* tabs = qobject_cast<QTabWidget*>(w)) {
            for (int i = 0; i < tabs->count(); ++i) {
                tabs->setTabText(i, swap(tabs->tabText(i)));
                tabs->setTabToolTip(i, swap(tabs->tabToolTip(i)));
            }
        } else if (auto* combo = qobject_cast<QComboBox*>(w)) {
            for (int i = 0; i < combo->count(); ++i) {
                combo->setItemText(i, swap(combo->itemText(i)));
                combo->setItemData(i, swap(combo->itemData(i, Qt::ToolTipRole).toString()), Qt::ToolTipRole);
            }
        } else if (auto* spin = qobject_cast<QAbstractSpinBox*>(w)) {
            spin->setSpecialValueText(swap(spin->specialValueText()));
        } else if (auto* plot = qobject_cast<QCustomPlot*>(w)) {
            retranslatePlot(*this, plot);
        }
        for (QAction* a : w->actions())
            retranslateAction(*this, a);
    }
    for (QAction* a : root->findChildren<QAction*>())
        retranslateAction(*this, a);
}

} // namespace normscope::ui
