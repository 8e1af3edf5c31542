// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/image_input.h"

#include "engine/core/error.h"

#include <QCoreApplication>
#include <QImage>
#include <QImageReader>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <vector>

namespace normscope::ui {

namespace {

bool isGray(const QImage& image)
{
    switch (image.format()) {
    case QImage::Format_Grayscale8:
    case QImage::Format_Grayscale16: return true;
    case QImage::Format_Mono:
    case QImage::Format_MonoLSB:
    case QImage::Format_Indexed8: return image.isGrayscale(); // a palette of grays only
    default: return false;
    }
}

QString sizeText(QSize s)
{
    return QStringLiteral("%1x%2").arg(s.width()).arg(s.height());
}

/// The largest size of `from`'s aspect whose n * c * w * h fits in maxElements.
QSize fittingSize(QSize from, std::int64_t perPixel, std::int64_t maxElements)
{
    const double total = double(perPixel) * from.width() * from.height();
    const double s = std::sqrt(double(maxElements) / total);
    QSize to(std::max(1, int(std::floor(from.width() * s))), std::max(1, int(std::floor(from.height() * s))));
    while (perPixel * to.width() * to.height() > maxElements) // rounding may leave one row too many
        to = QSize(std::max(1, to.width() - 1), std::max(1, to.height() - 1));
    return to;
}

} // namespace

QString ImageInput::note() const
{
    if (!wasScaled())
        return {};
    return QCoreApplication::translate("normscope::ui::ImageInput",
                                       "The image was scaled down from %1 to %2 to fit the window's limit of %3 "
                                       "elements.")
        .arg(sizeText(original), sizeText(scaled), QLocale().toString(qlonglong(maxElements)));
}

ImageInput readImages(const QStringList& paths, std::int64_t maxElements)
{
    if (paths.isEmpty())
        throw Error("no image given");
    std::vector<QImage> images;
    bool allGray = true;
    for (const QString& path : paths) {
        QImageReader reader(path);
        reader.setAutoTransform(true); // a photo's EXIF orientation, as viewers show it
        QImage image = reader.read();
        if (image.isNull())
            throw Error("cannot read the image '" + path.toStdString() + "': " + reader.errorString().toStdString());
        if (!images.empty() && image.size() != images.front().size())
            throw Error("the images differ in size: '" + paths.front().toStdString() + "' is "
                        + sizeText(images.front().size()).toStdString() + ", '" + path.toStdString() + "' is "
                        + sizeText(image.size()).toStdString() + "; a batch needs one size");
        allGray = allGray && isGray(image);
        images.push_back(std::move(image));
    }

    ImageInput in;
    in.maxElements = maxElements;
    in.original = images.front().size();
    const std::int64_t n = std::int64_t(images.size());
    const std::int64_t c = allGray ? 1 : 3;
    in.scaled = n * c * in.original.width() * in.original.height() > maxElements
        ? fittingSize(in.original, n * c, maxElements)
        : in.original;
    const std::int64_t h = in.scaled.height(), w = in.scaled.width();
    in.shape = Shape{n, c, h, w};

    Tensor<float> t(in.shape);
    float* out = t.data();
    for (QImage& image : images) {
        if (in.wasScaled())
            image = image.scaled(in.scaled, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        if (image.size() != in.scaled) // KeepAspectRatio rounds its own way: take exactly the planned size
            image = image.scaled(in.scaled, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        image = image.convertToFormat(allGray ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
        // CHW: one plane per channel, rows top to bottom, as torchvision's to_tensor gives.
        for (std::int64_t ch = 0; ch < c; ++ch)
            for (std::int64_t y = 0; y < h; ++y) {
                const uchar* row = image.constScanLine(int(y));
                for (std::int64_t x = 0; x < w; ++x)
                    *out++ = float(row[x * c + ch]) / 255.0f;
            }
    }
    in.tensor = std::make_shared<const AnyTensor>(std::move(t));
    return in;
}

QString readableImagePatterns()
{
    QStringList patterns;
    for (const QByteArray& format : QImageReader::supportedImageFormats())
        patterns << QStringLiteral("*.") + QString::fromLatin1(format);
    return patterns.join(QLatin1Char(' '));
}

} // namespace normscope::ui
