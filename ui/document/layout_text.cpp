// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/layout_text.h"

#include "engine/core/number_format.h"

#include <QCoreApplication>

namespace normscope::ui {

namespace {

// The translation context of these texts (lupdate reads LayoutText::tr calls).
struct LayoutText {
    Q_DECLARE_TR_FUNCTIONS(LayoutText)
};

} // namespace

QString layoutCaption(const StatsLayout& layout)
{
    const QString over = QString::fromStdString(layout.reducedOver());
    const bool wholeTensor = layout.statsShape().empty();
    switch (layout.kind()) {
    case NormKind::Batch: return LayoutText::tr("BatchNorm: one mean and variance per channel, over %1").arg(over);
    case NormKind::Instance:
        return LayoutText::tr("InstanceNorm: one mean and variance per sample and channel, over %1").arg(over);
    case NormKind::Group: {
        const std::int64_t perGroup = layout.channels() / layout.numGroupsG();
        return (perGroup == 1
                    ? LayoutText::tr(
                        "GroupNorm: one mean and variance per sample and group of %1 channel (G=%2), over %3")
                    : LayoutText::tr(
                        "GroupNorm: one mean and variance per sample and group of %1 channels (G=%2), over %3"))
            .arg(perGroup)
            .arg(layout.numGroupsG())
            .arg(over);
    }
    case NormKind::Layer:
        return (wholeTensor ? LayoutText::tr("LayerNorm: one mean and variance per tensor, over %1")
                            : LayoutText::tr("LayerNorm: one mean and variance per leading index, over %1"))
            .arg(over);
    case NormKind::Rms:
        return (wholeTensor ? LayoutText::tr("RMSNorm: one root mean square (no mean) per tensor, over %1")
                            : LayoutText::tr("RMSNorm: one root mean square (no mean) per leading index, over %1"))
            .arg(over);
    }
    return {};
}

QString warningText(const DegenerateWarning& warning)
{
    switch (warning.kind) {
    case DegenerateKind::NonFiniteInput: {
        QStringList kinds;
        if (warning.input.nan)
            kinds << LayoutText::tr("%1 NaN").arg(warning.input.nan);
        if (warning.input.posInf)
            kinds << LayoutText::tr("%1 inf").arg(warning.input.posInf);
        if (warning.input.negInf)
            kinds << LayoutText::tr("%1 -inf").arg(warning.input.negInf);
        return LayoutText::tr(
                   "the input has %1 of %2 values: the statistics, running statistics and outputs they reach are NaN "
                   "or inf, as in PyTorch")
            .arg(kinds.join(LayoutText::tr(", ")))
            .arg(warning.input.total);
    }
    case DegenerateKind::ZeroEpsRstdZero:
        return LayoutText::tr(
            "eps = 0: a constant channel gives 0/0 (PyTorch's batch_norm takes rstd = 0 where var is exactly 0, "
            "so y = beta there)");
    case DegenerateKind::ZeroEps: return LayoutText::tr("eps = 0: a group of equal values gives 0/0 = NaN");
    case DegenerateKind::NegativeEps:
        return LayoutText::tr(
                   "eps = %1 is negative: rstd = 1/sqrt(var + eps) is NaN where var < %2 and inf where they are equal")
            .arg(QString::fromStdString(formatShortest(warning.eps, DType::Float64)),
                 QString::fromStdString(formatShortest(-warning.eps, DType::Float64)));
    }
    return QString::fromStdString(warning.text);
}

} // namespace normscope::ui
