// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/panels/exact_spin_box.h"

#include "ui/document/number_text.h"

#include <QRegularExpression>

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace normscope::ui {

ExactSpinBox::ExactSpinBox(QWidget* parent) : QDoubleSpinBox(parent)
{
    // QDoubleSpinBox rounds every value to its decimals; with the most it allows, rounding is exact.
    setDecimals(DBL_MAX_10_EXP + DBL_DIG);
    setRange(-DBL_MAX, DBL_MAX);
    connect(this, &QDoubleSpinBox::valueChanged, this, [this] { updateGeometry(); });
}

QString ExactSpinBox::textFromValue(double value) const
{
    return shortestText(value, DType::Float64);
}

double ExactSpinBox::valueFromText(const QString& text) const
{
    return text.trimmed().toDouble();
}

QValidator::State ExactSpinBox::validate(QString& text, int& /*pos*/) const
{
    bool ok = false;
    const QString t = text.trimmed();
    const double v = t.toDouble(&ok);
    if (ok && std::isfinite(v)) {
        const bool fits = v >= minimum() && v <= maximum() && (!integral_ || v == std::floor(v));
        return fits ? QValidator::Acceptable : QValidator::Intermediate;
    }
    // A number being typed: "", "-", "1.", "1e", "1e-".
    static const QRegularExpression partial(QStringLiteral("^[+-]?[0-9]*\\.?[0-9]*([eE][+-]?[0-9]*)?$"));
    return partial.match(t).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
}

void ExactSpinBox::fixup(QString& text) const
{
    text = textFromValue(value()); // an unfinished entry shows the value still in use
}

void ExactSpinBox::stepBy(int steps)
{
    const double step = singleStep();
    const double target = value() + steps * step;
    if (!(step > 0) || !std::isfinite(target)) {
        QDoubleSpinBox::stepBy(steps);
        return;
    }
    // The step's decimals (0.05: 2), then the multiple of the step written with them and read back.
    int digits = 0;
    while (digits < 17 && QString::number(step, 'f', digits).toDouble() != step)
        ++digits;
    setValue(QString::number(std::round(target / step) * step, 'f', digits).toDouble());
}

QSize ExactSpinBox::fitToValue(QSize hint) const
{
    // QAbstractSpinBox sizes itself for the range's ends, cut to 18 characters.
    const QFontMetrics fm = fontMetrics();
    const auto widthOf = [&fm](QString text) {
        text.truncate(18);
        return fm.horizontalAdvance(text);
    };
    const int ends = std::max(widthOf(textFromValue(minimum())), widthOf(textFromValue(maximum())));
    const int shown = std::max(widthOf(textFromValue(value())), widthOf(QStringLiteral("-0.0000")));
    hint.setWidth(hint.width() - ends + shown);
    return hint;
}

QSize ExactSpinBox::sizeHint() const
{
    return fitToValue(QDoubleSpinBox::sizeHint());
}

QSize ExactSpinBox::minimumSizeHint() const
{
    return fitToValue(QDoubleSpinBox::minimumSizeHint());
}

} // namespace normscope::ui
