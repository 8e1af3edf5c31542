// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/session_file.h"

#include <QObject>
#include <QString>

class QMenu;

namespace normscope::ui {

class Document;
class MainWindow;
class RecentFiles;

/**
 * The window's session commands: File > New, Open..., Open Recent, Save, Save As..., the question
 * before unsaved changes are dropped, the title's file name and modified mark, and what the window
 * keeps in QSettings (organisation and application "NormScope"): geometry and dock layout, the last
 * folder of the session dialogs, the recent files. Reading and writing the file is session_file.h's.
 */
class SessionController : public QObject {
    Q_OBJECT

public:
    /// Bump when dock or toolbar object names change: an older saved layout is then ignored.
    static constexpr int kLayoutVersion = 1;

    SessionController(MainWindow* window, Document* document);

    /// The window's state as a session: the Document's experiment and the window's view options.
    Session session() const;
    /// Shows a session's view options and selection in the window.
    void applyView(const SessionView& view);

    /// Opens a session file; on failure shows the reason (when interactive) and changes nothing.
    bool openFile(const QString& path, QString* error = nullptr);
    /// Writes the session to path; on success the document is saved there (clean, titled).
    bool saveTo(const QString& path, QString* error = nullptr);

    /// With unsaved changes asks Save / Discard / Cancel; true when the caller may go on.
    bool maybeSave();

    /// The title after the file name: what the window shows ("BatchNorm2d on (4, 6, 5, 5) float32").
    void setTitleDetail(const QString& detail);

    /// Restores geometry and dock layout from QSettings; false when none (or an older layout) is kept.
    bool restoreLayout();
    /// From now on, closing the window stores its geometry and dock layout (not in tests or headless runs).
    void setRemembersLayout(bool on) { remembersLayout_ = on; }
    /// Called when the window closes.
    void saveLayout();

    /// Message boxes for errors and questions; off in tests, which read the returned errors.
    void setInteractive(bool on) { interactive_ = on; }

    QMenu* recentMenu() const { return recentMenu_; }
    RecentFiles* recentFiles() const { return recent_; }

    void newSession();
    void open();
    bool save();
    bool saveAs();

    /// The folder a file dialog of this kind ("session", "npy") starts in: where the last file was.
    static QString lastFolder(const QString& kind);
    static void rememberFolder(const QString& kind, const QString& path);

private:
    void updateTitle();
    void rebuildRecentMenu();
    void showError(const QString& title, const QString& message);

    MainWindow* window_;
    Document* document_;
    RecentFiles* recent_;
    QMenu* recentMenu_;
    QString titleDetail_;
    bool remembersLayout_ = false;
    bool interactive_ = true;
};

} // namespace normscope::ui
