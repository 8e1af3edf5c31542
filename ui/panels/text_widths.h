// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <QFont>
#include <QFontMetrics>
#include <QHash>
#include <QString>

namespace normscope::ui {

/**
 * Widths of short texts in one font, remembered: the statistics table measures its numbers on every
 * result (to fit its columns) and on every repaint (to elide only what does not fit), and shaping a
 * text is the cost of measuring it.
 *
 * Where the font's ten digits are equally wide (tabular figures, as in the fonts Debian ships),
 * a number's width does not depend on which digits it has: texts are remembered with every digit
 * read as 0, so "-1.25e-05" and "-3.75e-07" are one entry and a column of numbers costs a handful
 * of measurements.
 */
class TextWidths {
public:
    explicit TextWidths(const QFont& font) : font_(font), metrics_(font), tabular_(hasTabularDigits(metrics_)) {}

    /// Whether these are the widths in font (a font change, such as presenter mode's, needs new ones).
    bool isFor(const QFont& font) const { return font == font_; }

    /// Widths in font from now on; those remembered are kept while the font is the same.
    void use(const QFont& font)
    {
        if (isFor(font))
            return;
        font_ = font;
        metrics_ = QFontMetrics(font);
        tabular_ = hasTabularDigits(metrics_);
        widths_.clear();
    }

    int width(const QString& text) const
    {
        QString key = text;
        if (tabular_)
            for (QChar& c : key)
                if (c.isDigit() && c.unicode() < 0x80)
                    c = QLatin1Char('0');
        const auto found = widths_.constFind(key);
        if (found != widths_.cend())
            return *found;
        if (widths_.size() > kMaxEntries) // labels such as "n=12, c=3" grow with the tensor
            widths_.clear();
        return *widths_.insert(key, metrics_.horizontalAdvance(key));
    }

private:
    static constexpr int kMaxEntries = 4096;

    static bool hasTabularDigits(const QFontMetrics& metrics)
    {
        const int zero = metrics.horizontalAdvance(QLatin1Char('0'));
        for (char d = '1'; d <= '9'; ++d)
            if (metrics.horizontalAdvance(QLatin1Char(d)) != zero)
                return false;
        return true;
    }

    QFont font_;
    QFontMetrics metrics_;
    bool tabular_;
    mutable QHash<QString, int> widths_;
};

} // namespace normscope::ui
