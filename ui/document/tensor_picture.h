// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/tensor.h"
#include "ui/document/result_tensor.h"

#include <QImage>

#include <cstdint>
#include <vector>

namespace normscope::ui {

/// The interval one channel's values are mapped from onto [0, 1] when drawn as a picture.
struct ChannelRange {
    double low = 0;
    double high = 1;
};

/// Each channel's [min, max] over the batch and the pixels of an (N, C, H, W) tensor (finite values
/// only; a channel without any is [0, 1]): the output's per-channel mapping back to a picture.
std::vector<ChannelRange> channelRanges(const ResultTensor& t);

/**
 * Sample n of an (N, C, H, W) tensor with C = 1 (gray) or C = 3 (RGB) as a picture: channel c's value
 * v becomes (v - low) / (high - low) of ranges[c], clamped to [0, 1], times 255. A channel with
 * low == high is drawn mid-gray, NaN black. The input (already in [0, 1]) is drawn with [0, 1] ranges.
 */
QImage tensorPicture(const ResultTensor& t, std::int64_t n, const std::vector<ChannelRange>& ranges);

/// Whether a tensor can be drawn as pictures: rank 4 with 1 or 3 channels.
bool isPictureShape(const Shape& shape);

} // namespace normscope::ui
