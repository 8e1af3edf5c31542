// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/presenter_mode.h"

#include "ui/actions.h"
#include "ui/cube/cube_view.h"
#include "ui/main_window.h"
#include "ui/panels/formula_panel.h"

#include <QAction>
#include <QApplication>
#include <QScreen>
#include <QDockWidget>
#include <QSettings>

#include <algorithm>
#include <cmath>

namespace normscope::ui {

namespace {

QSettings settings()
{
    return QSettings(QStringLiteral("NormScope"), QStringLiteral("NormScope"));
}

const char* const kScaleKey = "presenter/scale";
constexpr double kCubeLabelFactor = 1.3; // on top of the body text: cube labels >= 28 px at 1.5
constexpr double kLineScale = 2.0;

} // namespace

PresenterMode::PresenterMode(MainWindow* window) : QObject(window), window_(window)
{
    bool ok = false;
    const double stored = settings().value(QLatin1String(kScaleKey)).toDouble(&ok);
    if (ok)
        scale_ = std::clamp(stored, 1.0, 3.0);
    Actions* a = window_->actions();
    connect(a->presenter(), &QAction::toggled, this, [this](bool on) { setActive(on); });
    connect(a->presenterLarger(), &QAction::triggered, this, [this] { setScale(scale_ + 0.25); });
    connect(a->presenterSmaller(), &QAction::triggered, this, [this] { setScale(scale_ - 0.25); });
    connect(a->presenterPanels(), &QAction::triggered, this, [this] { setPanelsHidden(!panelsHidden()); });
}

int PresenterMode::bodyPixelSize(double scale)
{
    return static_cast<int>(std::ceil(15.0 * scale));
}

void PresenterMode::setActive(bool on, bool fullScreen)
{
    if (on == active_)
        return;
    active_ = on;
    window_->actions()->presenter()->setChecked(on);
    if (on) {
        savedFont_ = QApplication::font();
        savedGeometry_ = window_->saveGeometry();
        savedStates_ = window_->windowState();
        // The cubes and the formula follow the application font themselves; other widgets with a
        // font of their own (lesson text, banners, code) are scaled here and put back on leaving.
        ownFonts_.clear();
        for (QWidget* w : window_->findChildren<QWidget*>()) {
            bool follows = false;
            for (QWidget* p = w; p && !follows; p = p->parentWidget())
                follows = qobject_cast<CubeView*>(p) || qobject_cast<FormulaPanel*>(p);
            if (!follows && w->testAttribute(Qt::WA_SetFont))
                ownFonts_.emplace_back(w, w->font());
        }
        applyFonts();
        if (fullScreen) {
            // Without a window manager (a kiosk, a bare X server) the full-screen state is only a
            // hint: the window covers its screen itself first (after showFullScreen, setGeometry
            // would clear that state).
            if (QScreen* screen = window_->screen())
                window_->setGeometry(screen->geometry());
            window_->showFullScreen();
        }
        return;
    }
    setPanelsHidden(false);
    QApplication::setFont(savedFont_);
    for (const auto& [w, font] : ownFonts_)
        if (w)
            w->setFont(font);
    ownFonts_.clear();
    for (CubeView* cube : window_->findChildren<CubeView*>()) {
        cube->setFont(QFont()); // inherits the window's font again
        cube->setLineScale(1.0);
    }
    window_->setWindowState(savedStates_);
    window_->restoreGeometry(savedGeometry_);
}

void PresenterMode::setScale(double scale)
{
    scale_ = std::clamp(std::round(scale * 4.0) / 4.0, 1.0, 3.0);
    settings().setValue(QLatin1String(kScaleKey), scale_);
    if (active_)
        applyFonts();
}

void PresenterMode::applyFonts()
{
    // Points, not pixels: the views scale their fonts by pointSizeF (ui/cube/scaled_font.h).
    QFont body = savedFont_;
    body.setPointSizeF(bodyPixelSize(scale_) * 72.0 / window_->logicalDpiY());
    QApplication::setFont(body);
    const double factor = savedFont_.pointSizeF() > 0 ? body.pointSizeF() / savedFont_.pointSizeF() : 1.0;
    for (const auto& [w, font] : ownFonts_) {
        if (!w || font.pointSizeF() <= 0)
            continue;
        QFont f = font;
        f.setPointSizeF(font.pointSizeF() * factor);
        w->setFont(f);
    }
    QFont cubeFont = body;
    cubeFont.setPointSizeF(body.pointSizeF() * kCubeLabelFactor);
    for (CubeView* cube : window_->findChildren<CubeView*>()) {
        cube->setFont(cubeFont);
        cube->setLineScale(kLineScale);
    }
}

void PresenterMode::setPanelsHidden(bool hidden)
{
    if (!hidden) {
        for (const QPointer<QDockWidget>& d : hiddenDocks_)
            if (d)
                d->show();
        hiddenDocks_.clear();
        return;
    }
    for (const char* name : {"controlsDock", "codeDock", "statsDock", "plotsDock"}) {
        auto* d = window_->findChild<QDockWidget*>(QLatin1String(name));
        if (d && d->isVisibleTo(window_)) {
            hiddenDocks_.push_back(d);
            d->hide();
        }
    }
}

} // namespace normscope::ui
