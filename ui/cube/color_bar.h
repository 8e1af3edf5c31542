// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/cube/color_map.h"

#include <QString>
#include <QWidget>

namespace normscope::ui {

/// The colour map's legend: the gradient with the numbers at its ends, centre and in between, and
/// a title naming the value shown ("x", "x̂", "y").
class ColorBar : public QWidget {
    Q_OBJECT

public:
    explicit ColorBar(QWidget* parent = nullptr);

    void setColorMap(const ColorMap& map);
    const ColorMap& colorMap() const { return map_; }
    void setTitle(const QString& title);
    QString title() const { return title_; }
    void setOrientation(Qt::Orientation orientation);
    Qt::Orientation orientation() const { return orientation_; }

    /// Values beyond the range are drawn in the end colours (a saturated scale): the end labels
    /// say so ("≤ -0.05", "≥ 0.05").
    void setSaturated(bool saturated);
    bool saturated() const { return saturated_; }

    /// The tick values drawn (ends, centre and evenly spaced values between).
    std::vector<double> ticks() const;
    /// Tick i's label as drawn.
    QString tickLabel(std::size_t i) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    ColorMap map_;
    QString title_;
    Qt::Orientation orientation_ = Qt::Vertical;
    bool saturated_ = false;
};

/// A tick label: up to 4 significant digits, no "-0".
QString formatTick(double value);

} // namespace normscope::ui
