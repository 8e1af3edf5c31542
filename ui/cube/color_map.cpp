// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/cube/color_map.h"

#include <algorithm>
#include <cmath>

namespace normscope::ui {

namespace {

// ColorBrewer RdBu (9 classes), reversed so that low values are blue.
constexpr std::array<QRgb, 9> kStops = {
    0xff2166ac, 0xff4393c3, 0xff92c5de, 0xffd1e5f0, 0xfff7f7f7, 0xfffddbc7, 0xfff4a582, 0xffd6604d, 0xffb2182b,
};

int mix(int a, int b, double t)
{
    return static_cast<int>(std::lround(a + (b - a) * t));
}

QRgb mixRgb(QRgb a, QRgb b, double t)
{
    return qRgb(mix(qRed(a), qRed(b), t), mix(qGreen(a), qGreen(b), t), mix(qBlue(a), qBlue(b), t));
}

} // namespace

ColorMap::ColorMap()
{
    for (int i = 0; i < kLutSize; ++i) {
        const double pos = static_cast<double>(i) / (kLutSize - 1) * (kStops.size() - 1);
        const auto k = std::min(static_cast<std::size_t>(pos), kStops.size() - 2);
        lut_[static_cast<std::size_t>(i)] = mixRgb(kStops[k], kStops[k + 1], pos - static_cast<double>(k));
    }
    setRange(-1.0, 1.0);
}

void ColorMap::setRange(double lower, double upper)
{
    if (!std::isfinite(lower) || !std::isfinite(upper)) {
        lower = -1.0;
        upper = 1.0;
    }
    if (upper < lower)
        std::swap(lower, upper);
    // A constant tensor still needs a non-empty range: its one value then maps to white.
    if (upper - lower < 1e-12 * std::max(1.0, std::abs(lower) + std::abs(upper))) {
        const double pad = std::max(1e-12, 1e-6 * std::abs(lower));
        lower -= pad;
        upper += pad;
    }
    lower_ = lower;
    upper_ = upper;
    scale_ = (kLutSize - 1) / (upper_ - lower_);
}

QRgb ColorMap::color(double value) const
{
    if (!std::isfinite(value))
        return invalidColor();
    const double pos = (value - lower_) * scale_;
    const int i = pos <= 0.0 ? 0 : pos >= kLutSize - 1 ? kLutSize - 1 : static_cast<int>(pos + 0.5);
    return lut_[static_cast<std::size_t>(i)];
}

QRgb ColorMap::colorAt(double t) const
{
    const double pos = std::clamp(t, 0.0, 1.0) * (kLutSize - 1);
    return lut_[static_cast<std::size_t>(std::lround(pos))];
}

QRgb ColorMap::groupColor(std::int64_t group, double shade)
{
    constexpr double kGoldenAngle = 137.50776405;
    const double hue = std::fmod(static_cast<double>(group) * kGoldenAngle + 200.0, 360.0);
    const double lightness = 0.58 + 0.12 * std::clamp(shade, -1.0, 1.0);
    return QColor::fromHslF(static_cast<float>(hue / 360.0), 0.62f, static_cast<float>(lightness)).rgb();
}

QRgb ColorMap::dimmed(QRgb color, double amount)
{
    return mixRgb(color, qRgb(214, 214, 214), amount);
}

} // namespace normscope::ui
