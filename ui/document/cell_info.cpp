// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/cell_info.h"

#include <QStringList>

namespace normscope::ui {

QString statisticsName(bool rms)
{
    return rms ? CellInfo::tr("root mean square") : CellInfo::tr("mean and variance");
}

CellInfo CellInfo::from(const ResultPtr& result, std::int64_t flatIndex)
{
    CellInfo info;
    if (!result || flatIndex < 0 || flatIndex >= result->input.numel())
        return info;
    const ResultSnapshot& r = *result;
    info.flatIndex = flatIndex;
    info.x = r.input[flatIndex];

    const auto names = StatsLayout::axisNames(static_cast<int>(r.shape.size()));
    std::vector<std::int64_t> coords(r.shape.size());
    std::int64_t rest = flatIndex;
    for (std::size_t k = r.shape.size(); k-- > 0;) {
        coords[k] = rest % r.shape[k];
        rest /= r.shape[k];
    }
    QStringList parts;
    for (std::size_t k = 0; k < coords.size(); ++k)
        parts << QStringLiteral("%1=%2").arg(QString::fromStdString(names[k])).arg(coords[k]);
    info.index = parts.join(QStringLiteral(", "));

    info.rms = !r.spec.subtractsMean();
    info.runningStats = !r.spec.usesInputStats();
    info.eps =
        r.dtype == DType::Float32 ? static_cast<double>(r.spec.effectiveEps<float>()) : r.spec.effectiveEps<double>();
    if (!r.ok())
        return info;

    const StatsLayout& layout = *r.layout;
    info.hasResult = true;
    info.group = layout.groupOf(flatIndex);
    info.groupLabel = QString::fromStdString(layout.groupLabel(info.group));
    info.groupSize = layout.groupSize();
    info.channel = layout.channelOfGroup(info.group);
    if (info.group < r.mean.numel()) {
        info.mean = r.mean[info.group];
        info.var = r.var[info.group];
        info.rstd = r.rstd[info.group];
    }
    info.xhat = r.normalizedAt(flatIndex);
    info.y = r.outputAt(flatIndex);
    info.paramIndex = layout.paramOf(flatIndex);
    if (!r.weight.empty() && info.paramIndex < r.weight.numel())
        info.gamma = r.weight[info.paramIndex];
    if (!r.bias.empty() && info.paramIndex < r.bias.numel())
        info.beta = r.bias[info.paramIndex];
    if (r.hasGradient() && info.group < r.grad_mean_g.numel()) {
        info.hasGradient = true;
        info.dy = r.grad_output[flatIndex];
        info.g = info.dy * info.gamma.value_or(1.0);
        info.meanG = r.grad_mean_g[info.group];
        info.meanGXhat = r.grad_mean_g_xhat[info.group];
        info.dx = r.grad_input[flatIndex];
    }
    return info;
}

QString CellInfo::meanName() const
{
    // The buffers keep PyTorch's names; the batch's own statistics are words of the interface.
    return runningStats ? QStringLiteral("running_mean") : tr("mean");
}

QString CellInfo::varName() const
{
    if (rms)
        return QStringLiteral("mean(x\u00b2)");
    return runningStats ? QStringLiteral("running_var") : tr("var");
}

std::vector<std::pair<QString, QString>> CellInfo::rows() const
{
    std::vector<std::pair<QString, QString>> out;
    if (!valid())
        return out;
    out.emplace_back(tr("index"), QStringLiteral("(%1)").arg(index));
    out.emplace_back(QStringLiteral("x"), formatNumber(x));
    if (!hasResult)
        return out;
    QString group = groupLabel;
    if (runningStats)
        group += tr(" (eval: running stats of c=%1)").arg(channel);
    out.emplace_back(tr("group"), group + tr(", %1 elements").arg(groupSize));
    if (!rms)
        out.emplace_back(meanName(), formatNumber(mean));
    out.emplace_back(varName(), formatNumber(var));
    out.emplace_back(QStringLiteral("rstd"), formatNumber(rstd));
    out.emplace_back(QStringLiteral("x-hat"), formatNumber(xhat));
    out.emplace_back(QStringLiteral("\u03b3 (gamma)"), gamma ? formatNumber(*gamma) : tr("none (affine off)"));
    if (!rms)
        out.emplace_back(QStringLiteral("\u03b2 (beta)"), beta ? formatNumber(*beta) : tr("none (affine off)"));
    out.emplace_back(QStringLiteral("y"), formatNumber(y));
    if (!hasGradient)
        return out;
    out.emplace_back(QStringLiteral("dL/dy"), formatNumber(dy));
    out.emplace_back(QStringLiteral("g = dL/dy\u00b7\u03b3"), formatNumber(g));
    if (!runningStats) {
        if (!rms)
            out.emplace_back(tr("mean(g) of the group"), formatNumber(meanG));
        out.emplace_back(tr("mean(g\u00b7x-hat) of the group"), formatNumber(meanGXhat));
    }
    out.emplace_back(QStringLiteral("dL/dx"), gradientFormula() + QStringLiteral(" = ") + formatNumber(dx));
    return out;
}

QString CellInfo::gradientFormula() const
{
    // The statistics are constants in eval with running statistics: the gradient flows through
    // x-hat alone. From the input, it also flows through the mean and the variance of the group.
    if (runningStats)
        return QStringLiteral("g\u00b7rstd");
    if (rms)
        return QStringLiteral("rstd\u00b7(g \u2212 x-hat\u00b7mean(g\u00b7x-hat))");
    return QStringLiteral("rstd\u00b7(g \u2212 mean(g) \u2212 x-hat\u00b7mean(g\u00b7x-hat))");
}

QString CellInfo::toPlainText() const
{
    QStringList lines;
    for (const auto& [label, value] : rows())
        lines << label + QStringLiteral(": ") + value;
    return lines.join(QLatin1Char('\n'));
}

QString CellInfo::toHtml() const
{
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='1'>");
    for (const auto& [label, value] : rows())
        html += QStringLiteral("<tr><td style='color:#555;padding-right:10px'>%1</td><td><b>%2</b></td></tr>")
                    .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    return html + QStringLiteral("</table>");
}

} // namespace normscope::ui
