// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/number_text.h"
#include "ui/document/result_snapshot.h"

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace normscope::ui {

/**
 * Every number the window shows about one element, read from a snapshot (the engine's numbers,
 * never recomputed here) and formatted once, for the cube's hover overlay and the formula panel;
 * numbers are compact (formatNumber, ui/document/number_text.h).
 */
struct CellInfo {
    Q_DECLARE_TR_FUNCTIONS(CellInfo)

public:
    std::int64_t flatIndex = -1;
    QString index; ///< "n=1, c=2, h=0, w=3"
    double x = 0;
    bool hasResult = false; ///< false for an error snapshot: only x is known
    double xhat = 0, y = 0;
    std::int64_t group = -1;
    QString groupLabel; ///< the layout's label, e.g. "n=0, g=1 (c 2..3)"
    std::int64_t groupSize = 0;
    double mean = 0, var = 0, rstd = 0;
    std::optional<double> gamma, beta; ///< absent when affine is off (beta also for RMSNorm)
    std::int64_t paramIndex = -1;      ///< index into gamma/beta
    double eps = 0;
    bool rms = false;          ///< RMSNorm: var is mean(x^2), no mean is subtracted
    bool runningStats = false; ///< eval mode: mean/var are running_mean/running_var
    std::int64_t channel = -1; ///< the channel whose running statistics are used
    /// The gradient view (hasGradient): dL/dy, g = dL/dy * gamma, the group's mean(g) and
    /// mean(g * x-hat), and dL/dx, all the engine's (ResultSnapshot::grad_*).
    bool hasGradient = false;
    double dy = 0, g = 0, meanG = 0, meanGXhat = 0, dx = 0;

    /// The numbers of element flatIndex of the snapshot; an invalid CellInfo (flatIndex -1) when the
    /// snapshot is null or the index is out of range.
    static CellInfo from(const ResultPtr& result, std::int64_t flatIndex);
    bool valid() const { return flatIndex >= 0; }

    QString meanName() const; ///< "mean" or "running_mean"
    QString varName() const;  ///< "var", "running_var" or "mean(x²)"

    /// dL/dx's formula for this element's norm and mode, e.g. "rstd·(g − mean(g) − x-hat·mean(g·x-hat))".
    QString gradientFormula() const;

    /// (label, value) rows as shown in the hover overlay.
    std::vector<std::pair<QString, QString>> rows() const;
    QString toPlainText() const; ///< one "label: value" per line
    QString toHtml() const;      ///< a two-column table
};

/// The statistics' name for a norm: "mean and variance" or "root mean square".
QString statisticsName(bool rms);

} // namespace normscope::ui
