// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <QByteArray>
#include <QFont>
#include <QObject>
#include <QPointer>

#include <utility>
#include <vector>

class QDockWidget;

namespace normscope::ui {

class MainWindow;

/**
 * View > Presenter mode (F11): the window full screen, the whole interface's text scaled (body text
 * ceil(15 px x scale), 23 px at the default 1.5; Ctrl+= and Ctrl+- change the scale, kept in
 * QSettings), the cubes' labels 1.3 times larger still and their outlines and lit borders twice as
 * thick, so a projector's picture reads from the back of a room. F12 hides the side panels a class
 * does not need (controls, PyTorch code, statistics table, plots) and shows them again. Leaving
 * restores the window's state, geometry, docks and font as they were.
 */
class PresenterMode : public QObject {
    Q_OBJECT

public:
    explicit PresenterMode(MainWindow* window);

    bool isActive() const { return active_; }
    /// Enters or leaves. fullScreen false keeps the window's size (a headless picture at --size).
    void setActive(bool on, bool fullScreen = true);
    /// The text scale, 1.0 to 3.0 in steps of 0.25 (default 1.5); stored in the settings.
    double scale() const { return scale_; }
    void setScale(double scale);
    /// The body text's pixel size in presenter mode at this scale.
    static int bodyPixelSize(double scale);
    /// The side panels a class does not need: hidden or shown again (F12).
    void setPanelsHidden(bool hidden);
    bool panelsHidden() const { return !hiddenDocks_.empty(); }

private:
    void applyFonts();

    MainWindow* window_;
    bool active_ = false;
    double scale_ = 1.5;
    QFont savedFont_;
    QByteArray savedGeometry_;
    Qt::WindowStates savedStates_;
    std::vector<QPointer<QDockWidget>> hiddenDocks_;
    /// Widgets with a font of their own (lesson text, banners, code), and that font before.
    std::vector<std::pair<QPointer<QWidget>, QFont>> ownFonts_;
};

} // namespace normscope::ui
