// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/panels/gamma_beta_editor.h"

#include "engine/core/error.h"
#include "ui/document/document.h"
#include "ui/document/number_text.h"
#include "ui/panels/wheel_guard.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace normscope::ui {

namespace {

/// "c=3" per channel; "(1, 2, 0)" for an element of a multi-dim normalized_shape.
QString rowLabel(const NormSpec& spec, const Shape& paramShape, std::int64_t index)
{
    if (!spec.traits().takesNormalizedShape)
        return QStringLiteral("c=%1").arg(index);
    if (paramShape.size() <= 1)
        return QStringLiteral("[%1]").arg(index);
    QStringList parts;
    for (std::size_t d = paramShape.size(); d-- > 0;) {
        parts.prepend(QString::number(index % paramShape[d]));
        index /= paramShape[d];
    }
    return QStringLiteral("(%1)").arg(parts.join(QStringLiteral(", ")));
}

} // namespace

GammaBetaEditor::GammaBetaEditor(Document* document, QWidget* parent)
    : QWidget(parent),
      document_(document),
      table_(new QTableWidget(this)),
      note_(new QLabel(this)),
      randomize_(new QPushButton(tr("Randomize"), this)),
      reset_(new QPushButton(tr("Reset"), this))
{
    table_->setObjectName(QStringLiteral("gammaBetaTable"));
    table_->setColumnCount(2);
    table_->setHorizontalHeaderLabels({tr("gamma"), tr("beta")});
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    table_->setMinimumHeight(120);
    table_->setMaximumHeight(190);
    note_->setWordWrap(true);
    note_->hide();
    randomize_->setToolTip(tr("gamma ~ N(1, 0.4), beta ~ N(0, 0.8)"));
    reset_->setToolTip(tr("gamma = 1, beta = 0, as a new module"));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(randomize_);
    buttons->addWidget(reset_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table_);
    layout->addWidget(note_);
    layout->addLayout(buttons);

    connect(randomize_, &QPushButton::clicked, document_, &Document::randomizeAffine);
    connect(reset_, &QPushButton::clicked, document_, &Document::resetAffine);
    connect(table_, &QTableWidget::cellChanged, this, &GammaBetaEditor::onItemChanged);
    WheelGuard::protect(this); // also when the editor is used outside the controls panel
}

void GammaBetaEditor::refresh(const Experiment& e)
{
    Shape paramShape;
    try {
        validate(e.spec, e.shape);
        paramShape = affineShape(e.spec, e.shape);
    } catch (const Error&) {
        paramShape.clear();
    }
    const std::int64_t count = paramShape.empty() ? 0 : numel(paramShape);
    const bool hasBias = e.spec.traits().hasBias;
    std::vector<double> weight = e.weight, bias = e.bias;
    if (weight.empty())
        weight.assign(static_cast<std::size_t>(count), 1.0);
    if (bias.empty())
        bias.assign(static_cast<std::size_t>(count), 0.0);

    // Without affine PyTorch keeps no parameters at all: say so instead of listing ones and zeros
    // that nothing uses.
    const bool none = !e.spec.affine;
    const bool tooMany = count > kMaxRows;
    note_->setVisible(tooMany || none);
    table_->setVisible(!tooMany && !none);
    randomize_->setEnabled(!none);
    reset_->setEnabled(!none);
    if (none) {
        note_->setText(hasBias ? tr("%1=False: weight and bias are None, so y = x-hat.")
                                     .arg(QString::fromLatin1(e.spec.traits().affineArgument))
                               : tr("%1=False: weight is None, so y = x-hat.")
                                     .arg(QString::fromLatin1(e.spec.traits().affineArgument)));
        return;
    }
    if (tooMany) {
        note_->setText(tr("%1 parameters: too many to list; Randomize and Reset still apply.").arg(count));
        return;
    }
    if (paramShape == shownParamShape_ && weight == shownWeight_ && bias == shownBias_ && hasBias == shownHasBias_
        && e.dtype == shownDType_ && table_->rowCount() == count)
        return;

    const QSignalBlocker block(table_);
    const bool rebuild = table_->rowCount() != count || paramShape != shownParamShape_;
    if (rebuild) {
        table_->setRowCount(static_cast<int>(count));
        QStringList labels;
        for (std::int64_t i = 0; i < count; ++i)
            labels << rowLabel(e.spec, paramShape, i);
        table_->setVerticalHeaderLabels(labels);
        table_->viewport()->update(); // rows that went away must not stay painted
    }
    table_->setColumnHidden(1, !hasBias);
    for (int row = 0; row < static_cast<int>(count); ++row) {
        const auto i = static_cast<std::size_t>(row);
        for (int col = 0; col < 2; ++col) {
            // The value the engine uses (gamma and beta in the tensor's dtype), exactly, not 6 digits of it.
            const QString text = shortestText(col == 0 ? weight[i] : bias[i], e.dtype);
            QTableWidgetItem* item = table_->item(row, col);
            if (!item)
                table_->setItem(row, col, new QTableWidgetItem(text));
            else if (item->text() != text)
                item->setText(text);
        }
    }
    shownParamShape_ = paramShape;
    shownWeight_ = weight;
    shownBias_ = bias;
    shownHasBias_ = hasBias;
    shownDType_ = e.dtype;
}

void GammaBetaEditor::onItemChanged(int row, int column)
{
    QTableWidgetItem* item = table_->item(row, column);
    if (!item)
        return;
    bool ok = false;
    const double v = item->text().trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v)) {
        const QSignalBlocker block(table_);
        const auto i = static_cast<std::size_t>(row);
        item->setText(shortestText(column == 0 ? shownWeight_[i] : shownBias_[i], shownDType_));
        return;
    }
    if (column == 0)
        document_->setWeight(row, v);
    else
        document_->setBias(row, v);
}

} // namespace normscope::ui
