// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <QColor>
#include <QRgb>

#include <array>
#include <cstdint>

namespace normscope::ui {

/**
 * The cube's diverging colour map: blue for low values, white at the centre, red for high values
 * (ColorBrewer's RdBu, which stays readable on a projector and for most colour-blind viewers).
 * Also the per-group hues of the "every group in its own colour" mode and the dimming of cells
 * outside the lit group.
 */
class ColorMap {
public:
    ColorMap();

    /// Maps lower to deep blue, upper to deep red and their midpoint to white.
    void setRange(double lower, double upper);
    double lower() const { return lower_; }
    double upper() const { return upper_; }
    double centre() const { return 0.5 * (lower_ + upper_); }

    /// The colour of a value; values outside the range saturate, non-finite values are grey.
    QRgb color(double value) const;
    /// The colour at position t in [0, 1] along the map (0 = lower end).
    QRgb colorAt(double t) const;

    /// A distinct hue for group `group` (golden-angle sequence, so neighbours differ), lightened or
    /// darkened a little by `shade` in [-1, 1] so values stay faintly visible.
    static QRgb groupColor(std::int64_t group, double shade);
    /// The colour of a cell outside the lit group: mostly a neutral grey, a hint of its own colour.
    static QRgb dimmed(QRgb color, double amount);
    /// Colour used for non-finite values.
    static QRgb invalidColor() { return qRgb(120, 120, 120); }

private:
    static constexpr int kLutSize = 512;
    std::array<QRgb, kLutSize> lut_{};
    double lower_ = -1.0, upper_ = 1.0;
    double scale_ = 0.5; // LUT steps per unit value / (kLutSize - 1)
};

} // namespace normscope::ui
