// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#include "ui/document/number_text.h"

#include "engine/core/number_format.h"

namespace normscope::ui {

QString shortestText(double value, DType dtype)
{
    return QString::fromStdString(formatShortest(value, dtype));
}

QString pythonFloatText(double value, DType dtype)
{
    return QString::fromStdString(formatPythonFloat(value, dtype));
}

QString significantText(double value, int digits)
{
    return QString::fromStdString(formatSignificant(value, digits));
}

QString fixedText(double value, int decimals)
{
    return QString::fromStdString(formatFixed(value, decimals));
}

QString formatNumber(double value)
{
    return significantText(value, kCompactDigits);
}

} // namespace normscope::ui
