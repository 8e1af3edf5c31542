// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/tensor_picture.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace normscope::ui {

bool isPictureShape(const Shape& shape)
{
    return shape.size() == 4 && (shape[1] == 1 || shape[1] == 3) && shape[2] > 0 && shape[3] > 0;
}

std::vector<ChannelRange> channelRanges(const ResultTensor& t)
{
    const Shape& s = t.shape();
    const std::int64_t n = s[0], c = s[1], hw = s[2] * s[3];
    std::vector<ChannelRange> ranges(static_cast<std::size_t>(c));
    for (std::int64_t ch = 0; ch < c; ++ch) {
        double low = std::numeric_limits<double>::infinity(), high = -low;
        for (std::int64_t i = 0; i < n; ++i) {
            const std::int64_t plane = (i * c + ch) * hw;
            for (std::int64_t k = 0; k < hw; ++k) {
                const double v = t[plane + k];
                if (std::isfinite(v)) {
                    low = std::min(low, v);
                    high = std::max(high, v);
                }
            }
        }
        if (low <= high)
            ranges[static_cast<std::size_t>(ch)] = {low, high};
    }
    return ranges;
}

QImage tensorPicture(const ResultTensor& t, std::int64_t n, const std::vector<ChannelRange>& ranges)
{
    const Shape& s = t.shape();
    const std::int64_t c = s[1], h = s[2], w = s[3];
    QImage image(int(w), int(h), c == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    const auto byte = [](double v, const ChannelRange& r) -> uchar {
        if (std::isnan(v))
            return 0;
        if (!(r.high > r.low))
            return 128;
        const double unit = std::clamp((v - r.low) / (r.high - r.low), 0.0, 1.0);
        return static_cast<uchar>(std::lround(unit * 255.0));
    };
    for (std::int64_t y = 0; y < h; ++y) {
        uchar* row = image.scanLine(int(y));
        for (std::int64_t ch = 0; ch < c; ++ch) {
            const std::int64_t plane = ((n * c + ch) * h + y) * w;
            for (std::int64_t x = 0; x < w; ++x)
                row[x * c + ch] = byte(t[plane + x], ranges[static_cast<std::size_t>(ch)]);
        }
    }
    return image;
}

} // namespace normscope::ui
