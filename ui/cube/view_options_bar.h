// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/cube/cube_view.h"

#include <QWidget>

class QCheckBox;
class QComboBox;

namespace normscope::ui {

/**
 * How the cubes are drawn, shared by the single cube and the five compare cubes: colour by x, x-hat
 * or y; light the hovered group or every group; explode along an axis; reset the view. Lives in the
 * window's toolbar and only reports choices; the window applies them to the views.
 */
class ViewOptionsBar : public QWidget {
    Q_OBJECT

public:
    explicit ViewOptionsBar(QWidget* parent = nullptr);

    CubeView::ValueSource valueSource() const;
    void setValueSource(CubeView::ValueSource source);
    CubeView::HighlightMode highlightMode() const;
    void setHighlightMode(CubeView::HighlightMode mode);
    bool isExploded() const;
    int explodeAxis() const; ///< 0 N, 1 C, 2 H·W
    void setExploded(bool on, int axis);
    void toggleExploded();

Q_SIGNALS:
    void valueSourceChanged(normscope::ui::CubeView::ValueSource source);
    void highlightModeChanged(normscope::ui::CubeView::HighlightMode mode);
    void explodedChanged(bool on, int axis);
    void resetViewRequested();

private:
    QComboBox* valueSource_;
    QComboBox* highlight_;
    QCheckBox* exploded_;
    QComboBox* explodedAxis_;
};

} // namespace normscope::ui
