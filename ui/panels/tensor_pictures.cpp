// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/panels/tensor_pictures.h"

#include "ui/document/number_text.h"
#include "ui/document/tensor_picture.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QPixmap>
#include <QVBoxLayout>

#include <algorithm>

namespace normscope::ui {

namespace {

/// Small pictures are enlarged by whole pixels (each cell stays a crisp square), large ones shrunk.
QPixmap shown(const QImage& image)
{
    constexpr int kTarget = 160;
    const int side = std::max(image.width(), image.height());
    if (side <= kTarget / 2)
        return QPixmap::fromImage(
            image.scaled(image.size() * (kTarget / side), Qt::KeepAspectRatio, Qt::FastTransformation));
    if (side > 2 * kTarget)
        return QPixmap::fromImage(
            image.scaled(QSize(2 * kTarget, 2 * kTarget), Qt::KeepAspectRatio, Qt::SmoothTransformation));
    return QPixmap::fromImage(image);
}

} // namespace

TensorPictures::TensorPictures(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    grid_ = new QGridLayout;
    grid_->setHorizontalSpacing(12);
    layout->addLayout(grid_);
    caption_ = new QLabel(this);
    caption_->setObjectName(QStringLiteral("pictureCaption"));
    caption_->setWordWrap(true);
    layout->addWidget(caption_);
    shared_ = new QCheckBox(tr("One range for all channels (keeps the colours' relations)"), this);
    shared_->setObjectName(QStringLiteral("sharedRangeBox"));
    connect(shared_, &QCheckBox::toggled, this, &TensorPictures::redraw);
    layout->addWidget(shared_);
}

QString TensorPictures::caption() const
{
    return caption_->text();
}

void TensorPictures::setResult(const ResultPtr& result)
{
    result_ = result;
    redraw();
}

void TensorPictures::redraw()
{
    const ResultPtr& result = result_;
    while (QLayoutItem* item = grid_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (!result || !result->ok() || !isPictureShape(result->input.shape())) {
        caption_->clear();
        return;
    }
    const std::int64_t n = result->input.shape()[0];
    const std::int64_t c = result->input.shape()[1];
    const std::vector<ChannelRange> unit(static_cast<std::size_t>(c));
    std::vector<ChannelRange> ranges = channelRanges(result->output);
    ChannelRange all{ranges.front()};
    for (const ChannelRange& r : ranges)
        all = {std::min(all.low, r.low), std::max(all.high, r.high)};
    if (shared_->isChecked())
        ranges.assign(ranges.size(), all);
    const auto add = [this](const QString& text, int row, int column) {
        auto* label = new QLabel(text, this);
        grid_->addWidget(label, row, column);
    };
    add(tr("x (the input)"), 0, 1);
    add(tr("y (the output)"), 0, 2);
    for (std::int64_t i = 0; i < n; ++i) {
        const int row = int(i) + 1;
        add(tr("sample %1").arg(i), row, 0);
        for (int column : {1, 2}) {
            auto* picture = new QLabel(this);
            picture->setObjectName(QStringLiteral("picture_%1_%2").arg(i).arg(column == 1 ? "x" : "y"));
            picture->setPixmap(
                shown(column == 1 ? tensorPicture(result->input, i, unit) : tensorPicture(result->output, i, ranges)));
            grid_->addWidget(picture, row, column, Qt::AlignLeft | Qt::AlignTop);
        }
    }
    grid_->setColumnStretch(3, 1);
    if (shared_->isChecked()) {
        caption_->setText(tr("x is drawn as it is (values in [0, 1]). y is drawn with one range for all channels: its "
                             "minimum and maximum over the whole batch, [%1, %2], mapped to [0, 1].")
                              .arg(formatNumber(all.low), formatNumber(all.high)));
        return;
    }
    QStringList channels;
    const QStringList names = c == 1 ? QStringList{tr("gray")} : QStringList{tr("R"), tr("G"), tr("B")};
    for (std::int64_t ch = 0; ch < c; ++ch)
        channels << tr("%1 [%2, %3]")
                        .arg(names[int(ch)], formatNumber(ranges[std::size_t(ch)].low),
                             formatNumber(ranges[std::size_t(ch)].high));
    caption_->setText(tr("x is drawn as it is (values in [0, 1]). y is drawn with each channel mapped from its minimum "
                         "and maximum over the whole batch to [0, 1]: %1.")
                          .arg(channels.join(QStringLiteral(", "))));
}

} // namespace normscope::ui
