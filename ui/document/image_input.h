// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/shape.h"
#include "engine/core/tensor.h"

#include <QSize>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>

namespace normscope::ui {

/// Pictures as the window's input (--image, File > Open image): decoded by QImage, so any format
/// Qt reads.
struct ImageInput {
    std::shared_ptr<const AnyTensor> tensor; ///< float32 (N, C, H, W), pixel / 255, CHW order
    Shape shape;
    QSize original; ///< the pictures' size as read
    QSize scaled;   ///< their size in the tensor; smaller than original when scaled down to fit
    std::int64_t maxElements = 0;

    bool wasScaled() const { return scaled != original; }
    /// "Scaled down from WxH to WxH ...", translated; empty when not scaled.
    QString note() const;
};

/**
 * One picture gives a 1x3xHxW tensor (1x1xHxW when it is grayscale: a grayscale or gray-palette
 * file), several of one size a batch (N = count; C = 1 only when all are grayscale). Pictures whose
 * tensor would exceed maxElements are scaled down, keeping their aspect (Qt::SmoothTransformation),
 * to the largest size that fits. Alpha is ignored. Throws normscope::Error naming the file for one
 * that cannot be read, and naming the sizes when the pictures differ in size.
 */
ImageInput readImages(const QStringList& paths, std::int64_t maxElements);

/// The file dialog's filter for the formats QImageReader reads, e.g. "*.png *.jpg ...".
QString readableImagePatterns();

} // namespace normscope::ui
