// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/session_controller.h"

#include "engine/core/error.h"
#include "ui/actions.h"
#include "ui/cube/cube_view.h"
#include "ui/cube/view_options_bar.h"
#include "ui/document/document.h"
#include "ui/main_window.h"
#include "ui/recent_files.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>

#include <algorithm>

namespace normscope::ui {

namespace {

QSettings settings()
{
    return QSettings(QStringLiteral("NormScope"), QStringLiteral("NormScope"));
}

const char* const kGeometryKey = "window/geometry";
const char* const kStateKey = "window/state";

} // namespace

SessionController::SessionController(MainWindow* window, Document* document)
    : QObject(window),
      window_(window),
      document_(document),
      recent_(new RecentFiles(this)),
      recentMenu_(new QMenu(tr("Open &Recent"), window))
{
    recentMenu_->setObjectName(QStringLiteral("recentMenu"));
    Actions* a = window->actions();
    connect(a->newSession(), &QAction::triggered, this, &SessionController::newSession);
    connect(a->openSession(), &QAction::triggered, this, &SessionController::open);
    connect(a->save(), &QAction::triggered, this, &SessionController::save);
    connect(a->saveAs(), &QAction::triggered, this, &SessionController::saveAs);
    connect(a->clearRecent(), &QAction::triggered, recent_, &RecentFiles::clear);
    connect(recent_, &RecentFiles::changed, this, &SessionController::rebuildRecentMenu);
    connect(document_, &Document::modifiedChanged, this, &SessionController::updateTitle);
    connect(document_, &Document::fileNameChanged, this, &SessionController::updateTitle);
    rebuildRecentMenu();
    updateTitle();
}

Session SessionController::session() const
{
    Session s;
    s.experiment = document_->experiment();
    if (const auto* bar = window_->findChild<ViewOptionsBar*>()) {
        s.view.colorBy = static_cast<int>(bar->valueSource());
        s.view.allGroups = bar->highlightMode() == CubeView::HighlightMode::AllGroups;
        s.view.explodeAxis = bar->isExploded() ? bar->explodeAxis() : -1;
    }
    s.view.compare = window_->isCompareShown();
    s.view.select = window_->cubeView()->selectedCell();
    return s;
}

void SessionController::applyView(const SessionView& view)
{
    window_->setValueSource(view.colorBy);
    window_->setAllGroupsHighlighted(view.allGroups);
    window_->setExploded(view.explodeAxis >= 0, std::max(view.explodeAxis, 0));
    window_->setCompareShown(view.compare);
    // The selection needs the result of the experiment it indexes.
    document_->waitUntilIdle();
    window_->selectCell(view.select);
}

bool SessionController::openFile(const QString& path, QString* error)
{
    Session s;
    try {
        s = readSessionFile(path);
    } catch (const Error& e) {
        const QString message = QString::fromUtf8(e.what());
        if (error)
            *error = message;
        showError(tr("Open session"), message);
        return false;
    }
    document_->replaceExperiment(s.experiment, QFileInfo(path).absoluteFilePath());
    applyView(s.view);
    recent_->add(path);
    rememberFolder(QStringLiteral("session"), path);
    return true;
}

bool SessionController::saveTo(const QString& path, QString* error)
{
    try {
        writeSessionFile(session(), path);
    } catch (const Error& e) {
        const QString message = QString::fromUtf8(e.what());
        if (error)
            *error = message;
        showError(tr("Save session"), message);
        return false;
    }
    document_->markSaved(QFileInfo(path).absoluteFilePath());
    recent_->add(path);
    rememberFolder(QStringLiteral("session"), path);
    return true;
}

bool SessionController::maybeSave()
{
    if (!document_->isModified() || !interactive_)
        return true;
    const QString name = document_->fileName().isEmpty() ? tr("Untitled") : QFileInfo(document_->fileName()).fileName();
    const auto answer =
        QMessageBox::warning(window_, tr("Unsaved changes"), tr("Save the changes to %1 first?").arg(name),
                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void SessionController::newSession()
{
    if (!maybeSave())
        return;
    document_->replaceExperiment(Experiment::demo(), QString());
    applyView(SessionView{});
}

void SessionController::open()
{
    if (!maybeSave())
        return;
    const QString path =
        QFileDialog::getOpenFileName(window_, tr("Open session"), lastFolder(QStringLiteral("session")),
                                     tr("NormScope sessions (*.normscope);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool SessionController::save()
{
    if (document_->fileName().isEmpty())
        return saveAs();
    return saveTo(document_->fileName());
}

bool SessionController::saveAs()
{
    const QString start = document_->fileName().isEmpty()
        ? QDir(lastFolder(QStringLiteral("session"))).filePath(QStringLiteral("untitled.normscope"))
        : document_->fileName();
    QString path = QFileDialog::getSaveFileName(window_, tr("Save session"), start,
                                                tr("NormScope sessions (*.normscope);;All files (*)"));
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".normscope");
    return saveTo(path);
}

void SessionController::setTitleDetail(const QString& detail)
{
    titleDetail_ = detail;
    updateTitle();
}

void SessionController::updateTitle()
{
    const QString name = document_->fileName().isEmpty() ? tr("Untitled") : QFileInfo(document_->fileName()).fileName();
    // "[*]" is where Qt shows the modified mark; the platform appends the application's name itself.
    window_->setWindowTitle(titleDetail_.isEmpty() ? tr("%1[*]").arg(name)
                                                   : tr("%1[*] \u2014 %2").arg(name, titleDetail_));
    window_->setWindowModified(document_->isModified());
}

void SessionController::rebuildRecentMenu()
{
    // Not clear(): the action being triggered may be the one removing its own file.
    for (QAction* action : recentMenu_->actions()) {
        recentMenu_->removeAction(action);
        if (action != window_->actions()->clearRecent())
            action->deleteLater();
    }
    const QStringList files = recent_->files();
    for (int i = 0; i < files.size(); ++i) {
        const QString path = files[i];
        QAction* action = recentMenu_->addAction(tr("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()));
        action->setToolTip(path);
        action->setStatusTip(path);
        connect(action, &QAction::triggered, this, [this, path] {
            if (!QFileInfo::exists(path)) {
                recent_->remove(path);
                showError(tr("Open recent"), tr("%1 no longer exists; it is removed from the list.").arg(path));
                return;
            }
            if (maybeSave())
                openFile(path);
        });
    }
    recentMenu_->addSeparator();
    recentMenu_->addAction(window_->actions()->clearRecent());
    window_->actions()->clearRecent()->setEnabled(!files.isEmpty());
    recentMenu_->setEnabled(true);
}

void SessionController::showError(const QString& title, const QString& message)
{
    if (interactive_)
        QMessageBox::warning(window_, title, message);
}

QString SessionController::lastFolder(const QString& kind)
{
    const QString folder = settings().value(QStringLiteral("lastFolder/") + kind).toString();
    return folder.isEmpty() || !QFileInfo(folder).isDir() ? QDir::homePath() : folder;
}

void SessionController::rememberFolder(const QString& kind, const QString& path)
{
    settings().setValue(QStringLiteral("lastFolder/") + kind, QFileInfo(path).absolutePath());
}

bool SessionController::restoreLayout()
{
    const QSettings s = settings();
    const QByteArray geometry = s.value(QLatin1String(kGeometryKey)).toByteArray();
    const QByteArray state = s.value(QLatin1String(kStateKey)).toByteArray();
    if (geometry.isEmpty() || state.isEmpty())
        return false;
    if (!window_->restoreGeometry(geometry) || !window_->restoreState(state, kLayoutVersion))
        return false;
    window_->keepRestoredLayout();
    return true;
}

void SessionController::saveLayout()
{
    if (!remembersLayout_)
        return;
    QSettings s = settings();
    s.setValue(QLatin1String(kGeometryKey), window_->saveGeometry());
    s.setValue(QLatin1String(kStateKey), window_->saveState(kLayoutVersion));
}

} // namespace normscope::ui
