// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/cube/view_options_bar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace normscope::ui {

ViewOptionsBar::ViewOptionsBar(QWidget* parent)
    : QWidget(parent),
      valueSource_(new QComboBox(this)),
      highlight_(new QComboBox(this)),
      exploded_(new QCheckBox(tr("Explode"), this)),
      explodedAxis_(new QComboBox(this))
{
    valueSource_->setObjectName(QStringLiteral("valueSourceCombo"));
    valueSource_->addItems({tr("input x"), tr("normalized x\u0302"), tr("output y"), tr("gradient dL/dx")});
    valueSource_->setToolTip(
        tr("Colour the cells by x, x-hat, y or dL/dx (Ctrl+1 to Ctrl+4; dL/dx needs a gradient dL/dy)"));
    highlight_->setObjectName(QStringLiteral("highlightCombo"));
    highlight_->addItems({tr("hovered group"), tr("all groups")});
    highlight_->setToolTip(tr("Light the hovered cell's group, or give every group its own hue (Ctrl+G)"));
    exploded_->setToolTip(tr("Pull the slices apart along an axis to see inner cells (Ctrl+E)"));
    explodedAxis_->addItems({QStringLiteral("N"), QStringLiteral("C"), QStringLiteral("H\u00b7W")});
    explodedAxis_->setCurrentIndex(1);
    for (QComboBox* combo : {valueSource_, highlight_, explodedAxis_})
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* resetView = new QPushButton(tr("Reset view"), this);
    resetView->setToolTip(tr("Back to the default rotation and zoom (Ctrl+0)"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(new QLabel(tr("Colour by"), this));
    layout->addWidget(valueSource_);
    layout->addSpacing(8);
    layout->addWidget(new QLabel(tr("Highlight"), this));
    layout->addWidget(highlight_);
    layout->addSpacing(8);
    layout->addWidget(exploded_);
    layout->addWidget(explodedAxis_);
    layout->addSpacing(8);
    layout->addWidget(resetView);

    connect(valueSource_, &QComboBox::currentIndexChanged, this, [this] { Q_EMIT valueSourceChanged(valueSource()); });
    connect(highlight_, &QComboBox::currentIndexChanged, this,
            [this] { Q_EMIT highlightModeChanged(highlightMode()); });
    connect(exploded_, &QCheckBox::toggled, this, [this] { Q_EMIT explodedChanged(isExploded(), explodeAxis()); });
    connect(explodedAxis_, &QComboBox::currentIndexChanged, this,
            [this] { Q_EMIT explodedChanged(isExploded(), explodeAxis()); });
    connect(resetView, &QPushButton::clicked, this, &ViewOptionsBar::resetViewRequested);
}

CubeView::ValueSource ViewOptionsBar::valueSource() const
{
    return static_cast<CubeView::ValueSource>(valueSource_->currentIndex());
}

void ViewOptionsBar::setValueSource(CubeView::ValueSource source)
{
    valueSource_->setCurrentIndex(static_cast<int>(source));
}

CubeView::HighlightMode ViewOptionsBar::highlightMode() const
{
    return highlight_->currentIndex() == 0 ? CubeView::HighlightMode::HoveredGroup : CubeView::HighlightMode::AllGroups;
}

void ViewOptionsBar::setHighlightMode(CubeView::HighlightMode mode)
{
    highlight_->setCurrentIndex(mode == CubeView::HighlightMode::HoveredGroup ? 0 : 1);
}

bool ViewOptionsBar::isExploded() const
{
    return exploded_->isChecked();
}

int ViewOptionsBar::explodeAxis() const
{
    return explodedAxis_->currentIndex();
}

void ViewOptionsBar::setExploded(bool on, int axis)
{
    explodedAxis_->setCurrentIndex(axis);
    exploded_->setChecked(on);
}

void ViewOptionsBar::toggleExploded()
{
    exploded_->toggle();
}

} // namespace normscope::ui
