// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/panels/stats_table_model.h"

#include "engine/report/statistics_table.h"
#include "ui/document/number_text.h"

#include <algorithm>
#include <cmath>

namespace normscope::ui {

namespace {

std::vector<StatsTableModel::Column> columnsFor(const ResultSnapshot* result)
{
    using M = StatsTableModel;
    std::vector<M::Column> c{M::GroupColumn, M::CountColumn, M::MeanColumn, M::VarColumn, M::VarUnbiasedColumn};
    if (result && !result->spec.subtractsMean())
        c.push_back(M::MeanSquareColumn);
    c.insert(c.end(), {M::RstdColumn, M::OutputMeanColumn, M::OutputStdColumn});
    if (result && result->spec.hasRunningStats())
        c.insert(c.end(), {M::RunningMeanColumn, M::RunningVarColumn});
    if (result && result->hasGradient() && result->grad_weight.numel() > 0
        && groupsReadOneParam(result->spec, result->shape)) {
        c.push_back(M::GradWeightColumn);
        if (result->grad_bias.numel() == result->grad_weight.numel())
            c.push_back(M::GradBiasColumn);
    }
    return c;
}

QString title(StatsTableModel::Column kind)
{
    // Two short lines, so that all columns fit the window's default width; the tool tips and the
    // exported tables carry the full names.
    switch (kind) {
    case StatsTableModel::GroupColumn: return StatsTableModel::tr("group");
    case StatsTableModel::CountColumn: return StatsTableModel::tr("count");
    case StatsTableModel::MeanColumn: return StatsTableModel::tr("mean");
    case StatsTableModel::VarColumn: return StatsTableModel::tr("var\n(biased)");
    case StatsTableModel::VarUnbiasedColumn: return StatsTableModel::tr("var\n(unbiased)");
    case StatsTableModel::MeanSquareColumn: return StatsTableModel::tr("mean\nsquare");
    case StatsTableModel::RstdColumn: return StatsTableModel::tr("rstd");
    case StatsTableModel::OutputMeanColumn: return StatsTableModel::tr("y\nmean");
    case StatsTableModel::OutputStdColumn: return StatsTableModel::tr("y std\n(unbiased)");
    case StatsTableModel::RunningMeanColumn: return StatsTableModel::tr("running_mean\nafter pass");
    case StatsTableModel::RunningVarColumn: return StatsTableModel::tr("running_var\nafter pass");
    case StatsTableModel::GradWeightColumn: return QStringLiteral("dL/d\u03b3");
    case StatsTableModel::GradBiasColumn: return QStringLiteral("dL/d\u03b2");
    }
    return {};
}

QString toolTip(StatsTableModel::Column kind)
{
    switch (kind) {
    case StatsTableModel::GroupColumn: return StatsTableModel::tr("The elements that share one statistic");
    case StatsTableModel::CountColumn: return StatsTableModel::tr("n, the number of elements in the group");
    case StatsTableModel::MeanColumn: return StatsTableModel::tr("Mean of x over the group");
    case StatsTableModel::VarColumn:
        return StatsTableModel::tr("Σ(x − mean)² / n: the variance the norms normalise with");
    case StatsTableModel::VarUnbiasedColumn:
        return StatsTableModel::tr("Σ(x − mean)² / (n − 1), torch.var's default; "
                                   "BatchNorm's running_var is updated with it. nan when n = 1");
    case StatsTableModel::MeanSquareColumn:
        return StatsTableModel::tr("Σx² / n: RMSNorm divides by sqrt(mean square + eps) and subtracts no mean");
    case StatsTableModel::RstdColumn:
        return StatsTableModel::tr("1 / sqrt(var + eps) as the forward pass used it "
                                   "(from running_var in eval with tracked statistics)");
    case StatsTableModel::OutputMeanColumn: return StatsTableModel::tr("Mean of y over the group");
    case StatsTableModel::OutputStdColumn:
        return StatsTableModel::tr("torch.std(y) over the group (n − 1). The biased std of x-hat is just below 1");
    case StatsTableModel::RunningMeanColumn:
        return StatsTableModel::tr("running_mean of the group's channel after this pass");
    case StatsTableModel::RunningVarColumn:
        return StatsTableModel::tr("running_var of the group's channel after this pass");
    case StatsTableModel::GradWeightColumn:
        return StatsTableModel::tr("dL/dgamma of the group's channel: sum over its elements of dL/dy \u00b7 x-hat");
    case StatsTableModel::GradBiasColumn:
        return StatsTableModel::tr("dL/dbeta of the group's channel: sum over its elements of dL/dy");
    }
    return {};
}

} // namespace

StatsTableModel::StatsTableModel(QObject* parent) : QAbstractTableModel(parent), columns_(columnsFor(nullptr)) {}

void StatsTableModel::setResult(ResultPtr result)
{
    beginResetModel();
    result_ = std::move(result);
    digest_ = result_ && result_->ok() ? digestOf(result_) : nullptr;
    columns_ = columnsFor(result_.get());
    if (sortColumn_ >= 0 && column(Column(sortColumn_)) < 0)
        sortColumn_ = -1; // e.g. running mean, gone with the spec
    order_ = sortedOrder();
    endResetModel();
}

QString StatsTableModel::errorMessage() const
{
    return result_ ? QString::fromStdString(result_->error) : QString();
}

const std::vector<GroupRow>& StatsTableModel::rows() const
{
    static const std::vector<GroupRow> none;
    return digest_ ? digest_->groups : none;
}

const GroupRow& StatsTableModel::rowAt(int row) const
{
    return rows()[static_cast<std::size_t>(order_[static_cast<std::size_t>(row)])];
}

QString StatsTableModel::label(int row) const
{
    return QString::fromStdString(result_->layout->groupLabel(rowAt(row).group));
}

std::vector<int> StatsTableModel::sortedOrder() const
{
    std::vector<int> order(rows().size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<int>(i);
    if (sortColumn_ < 0 || order.empty())
        return order;
    const Column kind = Column(sortColumn_);
    std::vector<double> keys(order.size());
    for (std::size_t i = 0; i < keys.size(); ++i)
        keys[i] = value(rows()[i], kind);
    const bool descending = sortOrder_ == Qt::DescendingOrder;
    // NaN (unbiased variance of one element) sorts last either way.
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const double x = keys[std::size_t(a)], y = keys[std::size_t(b)];
        if (std::isnan(x) || std::isnan(y))
            return !std::isnan(x) && std::isnan(y);
        return descending ? y < x : x < y;
    });
    return order;
}

void StatsTableModel::sort(int column, Qt::SortOrder order)
{
    const int kind = column >= 0 && column < columnCount() ? int(columns_[std::size_t(column)]) : -1;
    if (kind == sortColumn_ && order == sortOrder_)
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    sortColumn_ = kind;
    sortOrder_ = order;
    const std::vector<int> next = sortedOrder();
    // Persistent indexes (the view's selection and current cell) follow their group.
    std::vector<int> rowOfEngineRow(next.size());
    for (std::size_t r = 0; r < next.size(); ++r)
        rowOfEngineRow[std::size_t(next[r])] = static_cast<int>(r);
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex& index : before)
        after << this->index(rowOfEngineRow[std::size_t(order_[std::size_t(index.row())])], index.column());
    order_ = next;
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

int StatsTableModel::column(Column kind) const
{
    for (std::size_t i = 0; i < columns_.size(); ++i)
        if (columns_[i] == kind)
            return static_cast<int>(i);
    return -1;
}

int StatsTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(rows().size());
}

int StatsTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(columns_.size());
}

double StatsTableModel::value(const GroupRow& row, Column kind) const
{
    switch (kind) {
    case GroupColumn: return double(row.group);
    case CountColumn: return double(row.count);
    case MeanColumn: return row.mean;
    case VarColumn: return row.var;
    case VarUnbiasedColumn: return row.var_unbiased;
    case MeanSquareColumn: return row.mean_square;
    case RstdColumn: return row.rstd;
    case OutputMeanColumn: return row.output_mean;
    case OutputStdColumn: return row.output_std_unbiased;
    case RunningMeanColumn: return row.running_mean;
    case RunningVarColumn: return row.running_var;
    case GradWeightColumn:
    case GradBiasColumn: {
        const Tensor<double>& g = kind == GradWeightColumn ? result_->grad_weight : result_->grad_bias;
        const StatsLayout& layout = *result_->layout;
        const std::int64_t p = layout.paramOf(layout.segmentStart(row.group, 0));
        return p < g.numel() ? g[p] : std::nan("");
    }
    }
    return 0;
}

QVariant StatsTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const GroupRow& row = rowAt(index.row());
    const Column kind = columns_[static_cast<std::size_t>(index.column())];
    const double v = value(row, kind);

    switch (role) {
    case Qt::DisplayRole:
        if (kind == GroupColumn)
            return label(index.row());
        if (kind == CountColumn)
            return QString::number(row.count);
        return formatNumber(v);
    case Qt::ToolTipRole:
        if (kind == GroupColumn)
            return tr("group %1: %2").arg(row.group).arg(label(index.row()));
        return exactText(v);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(kind == GroupColumn ? Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter)
                                                       : Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    case SortRole: return v;
    case CopyRole:
        if (kind == GroupColumn)
            return label(index.row());
        if (kind == CountColumn)
            return QString::number(row.count);
        return exactText(v);
    case ColumnKindRole: return int(kind);
    case ColumnKeyRole: return key(kind);
    default: return {};
    }
}

QVariant StatsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    const Column kind = columns_[static_cast<std::size_t>(section)];
    switch (role) {
    case Qt::DisplayRole: return title(kind);
    case Qt::ToolTipRole: return toolTip(kind);
    case ColumnKindRole: return int(kind);
    case ColumnKeyRole: return key(kind);
    default: return {};
    }
}

QString StatsTableModel::key(Column kind)
{
    switch (kind) {
    case GroupColumn: return QStringLiteral("group");
    case CountColumn: return QStringLiteral("count");
    case MeanColumn: return QStringLiteral("mean");
    case VarColumn: return QStringLiteral("var");
    case VarUnbiasedColumn: return QStringLiteral("var_unbiased");
    case MeanSquareColumn: return QStringLiteral("mean_square");
    case RstdColumn: return QStringLiteral("rstd");
    case OutputMeanColumn: return QStringLiteral("y_mean");
    case OutputStdColumn: return QStringLiteral("y_std");
    case RunningMeanColumn: return QStringLiteral("running_mean");
    case RunningVarColumn: return QStringLiteral("running_var");
    case GradWeightColumn: return QStringLiteral("grad_weight");
    case GradBiasColumn: return QStringLiteral("grad_bias");
    }
    return {};
}

QString StatsTableModel::exactText(double value) const
{
    // The statistics are summed in double; a float32 tensor's are written as float32 values, as
    // PyTorch would compute them, without the widening's 0.30000001192092896.
    return shortestText(value, result_ ? result_->dtype : DType::Float64);
}

} // namespace normscope::ui
