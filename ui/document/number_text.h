// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#pragma once

#include "engine/core/tensor.h"

#include <QString>

namespace normscope::ui {

/*
 * The window's numbers as QString: each function hands its value to engine/core/number_format.h and
 * converts the result, so the window writes every number exactly as normscope-cli does. Exact values
 * (copied table cells, tool tips, the eps field, PyTorch code) use the shortest text in the tensor's
 * dtype; compact labels use significant digits. Integers (counts, indices) stay QString::number.
 */

/// formatShortest: the shortest decimal that reads back to value in dtype ("0.3" for a float32 0.3).
QString shortestText(double value, DType dtype);
/// formatPythonFloat: a Python literal that reads back to value in dtype ("0.3", "1.0", "1e-05").
QString pythonFloatText(double value, DType dtype);
/// formatSignificant: at most `digits` significant digits ("0.666667"), no "-0".
QString significantText(double value, int digits);
/// formatFixed: a measurement with `decimals` decimals ("12.35").
QString fixedText(double value, int decimals);

/// Significant digits of the window's compact numbers: hover overlay, formula, table cells, labels.
constexpr int kCompactDigits = 6;
/// The window's compact number: significantText(value, kCompactDigits).
QString formatNumber(double value);

} // namespace normscope::ui
