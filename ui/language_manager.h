// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QTranslator>

class QAction;
class QWidget;

namespace normscope::ui {

/**
 * The interface language: English (the source texts) or Simplified Chinese (zh_CN, the embedded
 * normscope_zh_CN catalogue plus Qt's own qtbase_zh_CN for the standard dialogs). The start picks
 * --lang, else the language kept in the settings (key "language"), else the system locale;
 * setLanguage switches at once: Qt sends every widget QEvent::LanguageChange, and retranslate()
 * swaps the texts widgets were given when built (menus, actions, docks, labels, buttons, tabs,
 * tooltips), while the views rebuild their own texts from tr() on their next paint or result.
 */
class LanguageManager : public QObject {
    Q_OBJECT

public:
    static LanguageManager* instance();

    /// "en" or "zh_CN".
    QString language() const { return language_; }
    /// "zh_CN" for any Chinese system locale, else "en".
    static QString systemLanguage();
    /// --lang if given, else the settings' language, else the system's.
    static QString startLanguage(const QString& commandLine);
    /// Installs the language's catalogues (and removes the other's); remember: kept in the settings.
    void setLanguage(const QString& lang, bool remember = false);

    /// View > Language's actions: triggering one switches (and keeps the choice in the settings);
    /// the current language's stays checked, whoever switches.
    void bindActions(QAction* english, QAction* chinese);

    /// Replaces every static text under root that is a catalogue entry of the other language by the
    /// current language's, e.g. after a switch. Texts the views compose themselves are left alone.
    void retranslate(QWidget* root) const;
    /// The current language's text for a source text or the other language's translation of it;
    /// text itself when the catalogue does not know it.
    QString swap(const QString& text) const;

signals:
    void languageChanged(const QString& lang);

private:
    LanguageManager();
    void loadCatalogue();

    QString language_ = QStringLiteral("en");
    QTranslator app_;
    QTranslator qt_;
    bool installed_ = false;
    QHash<QString, QString> toChinese_; ///< source -> translation
    QHash<QString, QString> toEnglish_; ///< translation -> source
};

} // namespace normscope::ui
