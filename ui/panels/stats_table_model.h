// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/result_digest.h"
#include "ui/document/result_snapshot.h"

#include <QAbstractTableModel>
#include <QString>

#include <vector>

namespace normscope::ui {

/**
 * The statistics table: one row per statistic group of the current result, with the engine's
 * numbers (engine/group_summary.h). Qt::DisplayRole gives six significant digits, SortRole the raw
 * double, and CopyRole and the tool tip the shortest text that reads back as the same value in the
 * result's dtype (a float32 0.3 is "0.3"; ui/document/number_text.h). The columns depend on
 * the spec: running statistics only when tracked, the mean square only for RMSNorm, dL/dgamma and
 * dL/dbeta with a gradient where each group reads one gamma (engine/report/statistics_table.h). A snapshot
 * with an error, or none, has no rows.
 *
 * The model sorts itself (sort(), numerically, NaN last) by permuting row indices, and keeps the
 * sort across results: a QSortFilterProxyModel re-sorting 100k LayerNorm rows through QVariant
 * comparisons takes ~0.7 s per result, this ~10 ms. SortRole still serves a proxy if one is wanted.
 */
class StatsTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        GroupColumn,
        CountColumn,
        MeanColumn,
        VarColumn,
        VarUnbiasedColumn,
        MeanSquareColumn,
        RstdColumn,
        OutputMeanColumn,
        OutputStdColumn,
        RunningMeanColumn,
        RunningVarColumn,
        GradWeightColumn, ///< dL/dgamma of the group's channel (gradient view, groupsReadOneParam)
        GradBiasColumn,   ///< dL/dbeta of the group's channel
    };
    enum Role {
        SortRole = Qt::UserRole, ///< double (the group index for the group column)
        CopyRole,                ///< QString, the shortest text exact in the result's dtype
        ColumnKindRole,          ///< int Column, also answered by headerData
        ColumnKeyRole,           ///< QString, headerData only: the column's name in copied and exported tables
    };

    explicit StatsTableModel(QObject* parent = nullptr);

    /// Replaces every row (a model reset). Null or error: no rows.
    void setResult(ResultPtr result);
    ResultPtr result() const { return result_; }
    /// The engine's message when the shown result is an error, else empty.
    QString errorMessage() const;

    /// The column showing this quantity, or -1 when the current spec has none.
    int column(Column kind) const;
    Column columnKind(int column) const { return columns_.at(static_cast<std::size_t>(column)); }
    /// The column's name in copied and exported tables (../shared/cli.md): "var_unbiased", "y_std", ...
    static QString key(Column kind);
    /// The engine's rows in group order (GroupRow::label is left empty: see label()).
    const std::vector<GroupRow>& rows() const;
    /// The engine row shown at this model row (the sort's permutation).
    const GroupRow& rowAt(int row) const;
    /// StatsLayout::groupLabel of the group shown at this row, made when asked for.
    QString label(int row) const;

    /// Sorts rows by the column's number; column -1 restores group order. Kept across setResult.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return sortColumn_; }
    Qt::SortOrder sortOrder() const { return sortOrder_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    double value(const GroupRow& row, Column kind) const;
    /// The shortest text of value in the result's dtype.
    QString exactText(double value) const;
    /// order_ for the current rows, sort column and order.
    std::vector<int> sortedOrder() const;

    ResultPtr result_;
    DigestPtr digest_; ///< null on error or without a result
    std::vector<Column> columns_;
    std::vector<int> order_; ///< model row -> engine row
    int sortColumn_ = -1;    ///< a Column kind, not a section: sections move with the spec
    Qt::SortOrder sortOrder_ = Qt::AscendingOrder;
};

} // namespace normscope::ui
